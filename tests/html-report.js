// html-report.js PLAYWRIGHT_DIR PAGE.html REPORT.json OUT.png [--filters] -
// loads the HTML report in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core: it downloads no browser) from its file and
// checks it as a reader would meet it:
//
//   - nothing is fetched: every request is the page's own file:// URL;
//   - the DOM holds every finding of the JSON report of the same run, one
//     .finding element each, with its code, variant, field and class;
//   - deleted and inserted words are struck through and underlined, not
//     only coloured;
//   - with --filters: unticking a class, a severity or a variant hides
//     exactly its findings (and the codes left with none), "none" hides
//     everything, ticking all again shows everything;
//   - printed (media print), the filters are gone.
//
// It writes a full-page screenshot to OUT.png (and OUT-print.png as
// printed) for a person to look at. Exit 0 when every check holds.
'use strict';
const path = require('path');
const fs = require('fs');

const [pwDir, pageFile, jsonFile, pngFile, ...rest] = process.argv.slice(2);
const filters = rest.includes('--filters');
const { chromium } = require(path.resolve(pwDir, 'playwright-core'));

let failures = 0;
function check(ok, what) {
	if (!ok) {
		failures++;
		console.log('FAIL: ' + what);
	}
}

async function visibleFindings(page) {
	return page.$$eval('.finding', (els) =>
		els.filter((e) => e.offsetParent !== null).map((e) => ({
			id: e.id, cls: e.dataset.class, sev: e.dataset.severity, v: e.dataset.variant,
			against: e.dataset.against || null,
		})));
}

async function setTicks(page, name, value, on) {
	await page.$$eval(`form.filters input[name="${name}"]`, (els, [value, on]) => {
		for (const e of els)
			if (value === null || e.value === value)
				e.checked = on;
		els[0].form.dispatchEvent(new Event('change'));
	}, [value, on]);
}

(async () => {
	const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
	const labels = report.variants.map((v) => v.label);
	const want = [];
	for (const c of report.codes)
		for (const f of c.findings)
			want.push([c.code, f.variant, f.field || '', f.class].join('|'));
	want.sort();

	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		       '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const url = 'file://' + path.resolve(pageFile);
	const requests = [];
	page.on('request', (r) => requests.push(r.url()));
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(url);

	check(requests.every((u) => u === url), 'the page fetched something: ' + requests.join(' '));
	check(errors.length === 0, 'script errors: ' + errors.join('; '));

	const got = (await page.$$eval('.finding', (els) => els.map((e) => [e.dataset.code,
		e.dataset.variant, e.dataset.field, e.dataset.class]))).map(
		([code, v, field, cls]) => [code, labels[+v], field, cls].join('|'));
	got.sort();
	check(got.length === want.length, `${got.length} findings in the page, ${want.length} in the JSON report`);
	check(JSON.stringify(got) === JSON.stringify(want), 'the page\'s findings are not the JSON report\'s');
	check(!(await page.$eval('form.filters', (f) => f.hidden).catch(() => true)) || want.length === 0,
	      'the script did not show the filters');

	const deco = await page.evaluate(() => {
		const d = document.querySelector('del'), i = document.querySelector('ins');
		return [d && getComputedStyle(d).textDecorationLine, i && getComputedStyle(i).textDecorationLine];
	});
	if (want.length) {
		check(deco[0] === 'line-through', 'deleted text is not struck through: ' + deco[0]);
		check(deco[1] === 'underline', 'inserted text is not underlined: ' + deco[1]);
	}

	if (filters) {
		const all = await visibleFindings(page);
		check(all.length === want.length, `${all.length} of ${want.length} findings visible at first`);
		const classes = [...new Set(all.map((f) => f.cls))];
		// the most common class off: exactly its findings go
		const cls = classes.sort((a, b) => all.filter((f) => f.cls === b).length -
			all.filter((f) => f.cls === a).length)[0];
		await setTicks(page, 'class', cls, false);
		let vis = await visibleFindings(page);
		check(vis.length === all.filter((f) => f.cls !== cls).length && vis.every((f) => f.cls !== cls),
		      `unticking class ${cls} left ${vis.length} findings`);
		const emptyShown = await page.$$eval('article.code', (els) => els.filter((a) =>
			a.offsetParent !== null && !a.querySelector('.finding:not([hidden])')).length);
		check(emptyShown === 0, `${emptyShown} codes shown with no finding left`);
		const said = await page.$eval('form.filters .shown', (e) => e.textContent);
		check(said === `Showing ${vis.length} of ${want.length} findings.`, 'the count says: ' + said);
		await setTicks(page, 'class', null, true);
		// a variant off: its findings go (a neutral pair stays while its other side is ticked)
		const v = all[0].v;
		await setTicks(page, 'variant', v, false);
		vis = await visibleFindings(page);
		const keep = all.filter((f) => f.v !== v || (f.against !== null && f.against !== v));
		check(vis.length === keep.length, `unticking variant ${labels[+v]} left ${vis.length}, want ${keep.length}`);
		const col = await page.$$eval(`table.matrix [data-col="${v}"]`, (els) =>
			els.filter((e) => e.offsetParent !== null).length);
		check(col === 0, `variant ${labels[+v]}'s matrix column still shows ${col} cells`);
		await setTicks(page, 'variant', null, true);
		// severity: none hides everything
		await setTicks(page, 'severity', null, false);
		vis = await visibleFindings(page);
		check(vis.length === 0, `no severity ticked and ${vis.length} findings visible`);
		await setTicks(page, 'severity', null, true);
		vis = await visibleFindings(page);
		check(vis.length === want.length, `everything ticked again and ${vis.length} visible`);
		// a matrix cell is a link to its finding
		const href = await page.$eval('table.matrix td[data-f] a', (a) => a.getAttribute('href')).catch(() => null);
		if (href)
			check(await page.$(href) !== null, 'a matrix cell links to nothing: ' + href);
	}

	await page.screenshot({ path: pngFile, fullPage: true });
	await page.emulateMedia({ media: 'print' });
	check(await page.$eval('form.filters', (f) => getComputedStyle(f).display === 'none').catch(() => true),
	      'the filters are printed');
	await page.screenshot({ path: pngFile.replace(/\.png$/, '-print.png'), fullPage: true });
	await browser.close();
	console.log(`${want.length} findings checked in ${pageFile}${filters ? ', filters too' : ''}; ` +
	            `screenshots ${pngFile}`);
	process.exit(failures ? 1 : 0);
})().catch((e) => {
	console.log('FAIL: ' + (e && e.stack || e));
	process.exit(1);
});
