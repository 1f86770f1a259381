/* html_page.c - the frame of the HTML report: one self-contained page
 * (inline style and script, nothing loaded from anywhere), readable when
 * printed, and filters that work from a file. */
#include "report_internal.h"

/* Colours are never the only signal: every matrix cell shows its state's
 * character, deleted text is struck through and inserted text underlined,
 * in print too. */
static const char *const style[] = {
	":root{--agree:#e6f4ea;--differ:#fde7c8;--sys:#fff4d6;--missing:#fbd5d5;--extra:#dbe8fb;",
	"--absent:#fff;--line:#c8c8c8;--muted:#5c5c5c}\n",
	"*{box-sizing:border-box}\n",
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",\"DejaVu Sans\",sans-serif;",
	"color:#1b1b1b;background:#fff;margin:0 auto;padding:1em 1.5em 4em;max-width:78em}\n",
	"h1{font-size:1.5em;margin:.2em 0 .4em}h2{font-size:1.2em;margin:1.6em 0 .5em;",
	"border-bottom:1px solid var(--line);padding-bottom:.2em}",
	"h3{font-size:1.05em;margin:0 0 .4em}h4{font-size:.95em;margin:.8em 0 .2em}\n",
	"[hidden]{display:none!important}\n",
	".muted,.pos,.support{color:var(--muted)}.pos{font-size:.85em;overflow-wrap:anywhere}\n",
	"table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:.15em .5em}\n",
	"table.counts td.n,table.score td.n{text-align:right;font-variant-numeric:tabular-nums}\n",
	"table.score{width:100%}table.score tr+tr{border-top:1px solid #eee}",
	"table.score .file{display:block;font-size:.8em;font-weight:400;color:var(--muted);"
	"overflow-wrap:anywhere}\n",
	"meter{width:5em;vertical-align:middle}\n",
	".sev-error{color:#a40000;font-weight:600}.sev-warning{color:#8a4b00}.sev-note{color:#3d5a80}\n",
	"form.filters{background:#f7f7f7;border:1px solid var(--line);",
	"padding:.4em .6em;margin:1em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:flex-start}\n",
	"form.filters fieldset{border:0;margin:0;padding:0;max-width:100%}",
	"form.filters legend{font-weight:600;padding:0}\n",
	"form.filters .opts{display:flex;flex-wrap:wrap;gap:0 .8em;max-height:6.5em;overflow:auto}",
	"form.filters label{white-space:nowrap}form.filters button{font:inherit;font-size:.85em}\n",
	".shown{margin:.2em 0 0;font-size:.9em;flex-basis:100%}\n",
	".scroll{display:inline-block;max-width:100%;overflow:auto;max-height:75vh;"
	"border:1px solid var(--line)}\n",
	"table.matrix{border-collapse:separate;border-spacing:0;font-family:\"DejaVu Sans Mono\",",
	"ui-monospace,monospace;font-size:.85em}\n",
	"table.matrix th,table.matrix td{padding:0;border-right:1px solid #eee;",
	"border-bottom:1px solid #eee;text-align:center}\n",
	"table.matrix thead th{position:sticky;top:0;z-index:2;background:#fff;vertical-align:bottom;",
	"padding:.3em .1em;font-family:system-ui,\"DejaVu Sans\",sans-serif;font-weight:500}\n",
	"table.matrix thead th span{writing-mode:vertical-rl;transform:rotate(180deg);",
	"white-space:nowrap;max-height:14em;overflow:hidden;text-overflow:ellipsis;display:inline-block}\n",
	"table.matrix tbody th{position:sticky;left:0;z-index:1;background:#fff;padding:0 .5em;",
	"text-align:right}\n",
	"table.matrix thead th.corner{left:0;z-index:3;text-align:right}\n",
	"table.matrix td a,table.matrix td span{display:block;min-width:1.9em;line-height:1.7em;",
	"color:inherit;text-decoration:none}\n",
	"table.matrix td a:hover,table.matrix td a:focus{outline:2px solid #1b1b1b;outline-offset:-2px}\n",
	".st-agree{background:var(--agree)}.st-differ{background:var(--differ);font-weight:700}",
	".st-sys{background:var(--sys)}.st-missing{background:var(--missing);font-weight:700}",
	".st-extra{background:var(--extra)}.st-absent{background:var(--absent);color:#999}\n",
	"table.matrix td.off{opacity:.25}\n",
	".legend span{display:inline-block;min-width:1.6em;text-align:center;",
	"border:1px solid var(--line);margin:0 .2em 0 .6em;font-family:ui-monospace,monospace}\n",
	"article.code{border:1px solid var(--line);border-radius:4px;padding:.6em .9em;",
	"margin:0 0 1em}\n",
	"article.code:target{outline:3px solid #f0b400}\n",
	"blockquote.canon{margin:.2em 0 .5em;padding:.1em .8em;border-left:4px solid #7aa37a;",
	"background:#f6faf6}blockquote.canon p{margin:.2em 0}\n",
	".group{margin:.4em 0 .8em;padding-left:.8em;border-left:4px solid #e0a040}",
	".group.sys{border-left-color:#d8c890}.group.gap{border-left-color:#c05050}\n",
	".group p{margin:.15em 0}.group .head{font-weight:600}\n",
	"p.support,details.support{margin:0 0 .2em;font-size:.9em}details.support summary{cursor:pointer}\n",
	"ul.who{margin:.1em 0 .3em;padding-left:1.2em;column-width:30em;column-gap:2em}"
	"ul.who li:target{background:#fff2b3}\n",
	".diff{overflow-wrap:anywhere}.rep ins{margin-left:.2em}\n",
	"del{background:#fbd5d5;text-decoration:line-through;text-decoration-thickness:2px}",
	"ins{background:#d4f0da;text-decoration:underline;text-decoration-thickness:2px}\n",
	"del::before,del::after,ins::before,ins::after{position:absolute;clip-path:inset(100%);",
	"width:1px;height:1px;overflow:hidden}\n",
	"del::before{content:\" [deleted: \"}ins::before{content:\" [inserted: \"}",
	"del::after,ins::after{content:\"] \"}\n",
	"@page{margin:14mm}@media print{body{font-size:10pt;max-width:none;padding:0}form.filters{display:none}",
	".scroll{max-height:none;overflow:visible;border:0}",
	"table.matrix thead th,table.matrix tbody th{position:static}",
	"article.code,.group,tr{break-inside:avoid}a{color:inherit;text-decoration:none}",
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n",
};

/* Each part of the page (one reconciliation) has its own form: a finding
 * shows when its class, severity and variant (or the other side of a
 * neutral pair) are ticked; a group, a code or a matrix column with
 * nothing left to show is hidden. */
static const char *const script[] = {
	"(function(){\n",
	"'use strict';\n",
	"function ticked(form,name){var s={};form.querySelectorAll('input[name=\"'+name+'\"]')",
	".forEach(function(i){if(i.checked)s[i.value]=1;});return s;}\n",
	"function bind(part){\n",
	"var form=part.querySelector('form.filters');if(!form)return;form.hidden=false;\n",
	"var out=form.querySelector('.shown');\n",
	"function apply(){\n",
	"var c=ticked(form,'class'),s=ticked(form,'severity'),v=ticked(form,'variant'),n=0,t=0;\n",
	"part.querySelectorAll('.finding').forEach(function(f){var d=f.dataset;",
	"var on=!!(c[d.class]&&s[d.severity]&&(v[d.variant]||(d.against&&v[d.against])));",
	"f.hidden=!on;t++;if(on)n++;});\n",
	"part.querySelectorAll('.group,article.code').forEach(function(g){",
	"g.hidden=!g.querySelector('.finding:not([hidden])');});\n",
	"part.querySelectorAll('[data-col]').forEach(function(e){e.hidden=!v[e.dataset.col];});\n",
	"part.querySelectorAll('td[data-f]').forEach(function(td){",
	"var f=document.getElementById(td.dataset.f);td.classList.toggle('off',!!(f&&f.hidden));});\n",
	"out.textContent='Showing '+n+' of '+t+' findings.';}\n",
	"form.addEventListener('change',apply);\n",
	"form.querySelectorAll('button[data-all]').forEach(function(b){b.addEventListener('click',",
	"function(){var on=b.dataset.all==='1';b.closest('fieldset').querySelectorAll('input')",
	".forEach(function(i){i.checked=on;});apply();});});\n",
	"apply();}\n",
	"document.querySelectorAll('section.part').forEach(bind);\n",
	"})();\n",
};

void dd_report_html_begin(const char *title, dd_buf *out)
{
	dd_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                 "<meta name=\"generator\" content=\"docdrift " DD_VERSION "\">\n<title>");
	dd_rep_html_text(out, title);
	dd_buf_puts(out, "</title>\n<style>\n");
	for (size_t i = 0; i < sizeof style / sizeof *style; i++)
		dd_buf_puts(out, style[i]);
	dd_buf_puts(out, "</style>\n</head>\n<body>\n");
}

void dd_report_html_end(dd_buf *out)
{
	dd_buf_puts(out, "<script>\n");
	for (size_t i = 0; i < sizeof script / sizeof *script; i++)
		dd_buf_puts(out, script[i]);
	dd_buf_puts(out, "</script>\n</body>\n</html>\n");
}
