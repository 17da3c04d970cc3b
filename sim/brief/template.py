"""The page of the brief; ``$name`` fields are filled by ``render.render``. Print styles keep it
to a few A4 pages."""

PAGE = r"""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
  @page { size: A4; margin: 14mm 13mm; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.35;
         color: #222; max-width: 190mm; margin: 0 auto; }
  h1 { font-size: 15pt; margin: 0 0 2pt; }
  h2 { font-size: 11.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #ccc; break-after: avoid; }
  .subtitle { color: #555; margin: 0 0 6pt; }
  p { margin: 3pt 0; }
  p.note { color: #444; font-size: 8.5pt; }
  p.quick { color: #a33; font-weight: bold; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0 6pt; font-size: 8.3pt; break-inside: avoid; }
  th, td { border: 1px solid #ccc; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eef2f7; }
  figure { margin: 4pt 0; break-inside: avoid; text-align: center; }
  figure img { max-width: 100%; height: auto; }
  figcaption { font-size: 8pt; color: #555; }
  ul { margin: 3pt 0; padding-left: 16pt; }
  li { margin: 2pt 0; }
  .cols { display: flex; gap: 6pt; }
  .cols figure { flex: 1; min-width: 0; }
</style>
</head>
<body>
<h1>$title</h1>
<p class="subtitle">$subtitle</p>
$notes

<h2>$h_headline</h2>
$headline
$headline_notes
$figs_headline

<h2>$h_pairs</h2>
$pairs

<h2>$h_time</h2>
$time
$figs_time

<h2>$h_levers</h2>
$levers

<h2>$h_recs</h2>
$recs

<h2>$h_caveats</h2>
$caveats

<h2>$h_method</h2>
<p class="note">$method</p>
</body>
</html>
"""
