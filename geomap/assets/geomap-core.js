/* geomap core: the filter state and what follows from it, without the map. One Filter holds the date range,
   event types, precision, casualty threshold and text; apply() gives the passing incidents, and every layer
   (choropleth, legend classes, tooltips, markers, heat map, table, counts, exports) reads that one result.
   classify() ports geomap/render/style.py classify (mapclassify's Fisher-Jenks and quantiles) so the page's
   classes for the unfiltered data are the ones the Python side would draw. */
(function () {
  'use strict';

  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function safeUrl(text) {  // only http(s) links; javascript:, data: and the like stay plain text
    if (!/^https?:\/\//i.test(text)) { return null; }
    try {
      var url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
    } catch (e) { return null; }
  }
  function num(n) { return n < 0 ? 'unknown' : n.toLocaleString('en'); }

  /* Fisher-Jenks as mapclassify._fisher_jenks_means computes it (float32 sums, same tie rule). */
  function fisherJenks(sorted, k) {
    var n = sorted.length, f = Math.fround, l, m, j;
    var mat1 = [], mat2 = [];
    for (l = 0; l <= n; l++) {
      mat1.push(new Int32Array(k + 1));
      var row = new Float32Array(k + 1);
      if (l >= 2) { for (j = 1; j <= k; j++) { row[j] = Infinity; } }
      mat2.push(row);
    }
    for (j = 1; j <= k; j++) { mat1[1][j] = 1; }
    var v = 0;
    for (l = 2; l <= n; l++) {
      var s1 = 0, s2 = 0, w = 0;
      for (m = 1; m <= l; m++) {
        var i3 = l - m + 1, val = f(sorted[i3 - 1]);
        s2 = f(s2 + f(val * val));
        s1 = f(s1 + val);
        w = f(w + 1);
        v = f(s2 - f(f(s1 * s1) / w));
        var i4 = i3 - 1;
        if (i4 !== 0) {
          for (j = 2; j <= k; j++) {
            var cand = f(v + mat2[i4][j - 1]);
            if (mat2[l][j] >= cand) { mat1[l][j] = i3; mat2[l][j] = cand; }
          }
        }
      }
      mat1[l][1] = 1;
      mat2[l][1] = v;
    }
    var kclass = new Array(k + 1), at = n;
    kclass[k] = sorted[n - 1];
    kclass[0] = sorted[0];
    for (var c = k; c > 1; c--) {
      var pivot = mat1[at][c];
      kclass[c - 1] = sorted[pivot - 2];
      at = pivot - 1;
    }
    return kclass.slice(1);
  }
  function quantiles(sorted, k) {  // numpy's linear percentile at 100/k, 200/k ... 100
    var out = [];
    for (var q = 1; q <= k; q++) {
      var pos = (sorted.length - 1) * Math.min(q / k, 1), lo = Math.floor(pos), hi = Math.ceil(pos);
      out.push(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
    }
    return out;
  }
  var MAX_CLASSES = 5, NATURAL_BREAKS_MAX = 40;
  /* Classes for non-negative counts: {method, bins (upper bounds), labels, index(value) -> class or -1}. */
  function classify(values) {
    var positive = [], k = MAX_CLASSES, i;
    for (i = 0; i < values.length; i++) { if (values[i] > 0) { positive.push(values[i]); } }
    positive.sort(function (a, b) { return a - b; });
    var distinct = positive.filter(function (v, j) { return j === 0 || v !== positive[j - 1]; });
    var method, bins;
    if (!distinct.length) { method = 'none'; bins = []; }
    else if (distinct.length <= k) { method = 'unique values'; bins = distinct; }
    else if (positive.length <= NATURAL_BREAKS_MAX) { method = 'natural breaks'; bins = fisherJenks(positive, k); }
    else { method = 'quantiles'; bins = quantiles(positive, k); }
    bins = bins.map(Math.ceil).sort(function (a, b) { return a - b; })
      .filter(function (v, j, all) { return j === 0 || v !== all[j - 1]; });
    var labels = [], low = 1;
    bins.forEach(function (high) {
      labels.push(low === high ? num(low) : num(low) + '–' + num(high));
      low = high + 1;
    });
    function index(v) {
      if (!(v > 0)) { return -1; }
      var c = 0;
      while (c < bins.length - 1 && bins[c] < v) { c++; }
      return c;
    }
    return {method: method, bins: bins, labels: labels, index: index};
  }

  /* CASUALTIES: [label, least killed, least killed + injured]. */
  var CASUALTIES = [['any', 0, 0], ['killed or injured', 0, 1], ['killed', 1, 0],
    ['10+ killed or injured', 0, 10], ['10+ killed', 10, 0]];

  function Filter(D) {
    var I = D.inc, n = I.x.length, last = D.dates.length - 1;
    this.D = D;
    this.from = 0;
    this.to = Math.max(last, 0);
    this.types = D.types.map(function () { return true; });
    this.precision = {1: true, 2: true, 3: true};
    this.casualties = 0;
    this.text = '';
    this._lower = null;
    this.allDates = function () { return this.from <= 0 && this.to >= last; };
    this.apply = function () {
      var out = new Int32Array(n), count = 0, all = this.allDates(), from = this.from, to = this.to;
      var types = this.types, prec = this.precision, minK = CASUALTIES[this.casualties][1];
      var minH = CASUALTIES[this.casualties][2], text = this.textMatch();
      for (var i = 0; i < n; i++) {
        if (!types[I.t[i]] || !prec[I.p[i]]) { continue; }
        if (!all) { var d = I.d[i]; if (d < from || d > to) { continue; } }  // undated: only with all dates
        if (minK || minH) {
          var k = Math.max(I.k[i], 0);
          if (k < minK || k + Math.max(I.j[i], 0) < minH) { continue; }
        }
        if (text && !text(i)) { continue; }
        out[count++] = i;
      }
      return out.subarray(0, count);
    };
    this.textMatch = function () {  // null, or a test of one incident against the search text
      var q = this.text.trim().toLowerCase();
      if (!q) { return null; }
      if (!this._lower) { this._lower = D.S.map(function (s) { return s.toLowerCase(); }); }
      var lower = this._lower, hit = new Uint8Array(lower.length);
      for (var s = 0; s < lower.length; s++) { hit[s] = lower[s].indexOf(q) >= 0 ? 1 : 0; }
      var sets = I.Z.map(function (set) { return set.some(function (k) { return hit[k]; }); });
      return function (i) {
        return (I.l[i] >= 0 && hit[I.l[i]]) || (I.m[i] >= 0 && hit[I.m[i]]) || (I.a[i] >= 0 && hit[I.a[i]]) ||
          sets[I.s[i]];
      };
    };
  }

  /* Per-region figures of the passing incidents: {incidents, killed, injured} arrays by feature index. */
  function aggregate(D, passing) {
    var I = D.inc, r = D.regions.features.length;
    var out = {incidents: new Float64Array(r), killed: new Float64Array(r), injured: new Float64Array(r)};
    for (var k = 0; k < passing.length; k++) {
      var i = passing[k], g = I.r[i];
      if (g < 0) { continue; }
      out.incidents[g] += 1;
      if (I.k[i] > 0) { out.killed[g] += I.k[i]; }
      if (I.j[i] > 0) { out.injured[g] += I.j[i]; }
    }
    return out;
  }

  /* Exports of the passing incidents, in the column names of incidents.csv / incidents.geojson. */
  var FORMULA = /^[=+\-@\t\r]/;
  function record(D, i) {
    var I = D.inc, S = D.S, str = function (k) { return k >= 0 ? S[k] : null; };
    var sources = (I.Z[I.s[i]] || []).map(function (k) { return S[k]; });
    return {id: str(I.id[i]), date: I.d[i] >= 0 ? D.dates[I.d[i]] : null,
      event_type: D.types[I.t[i]].name, sub_event_type: str(I.u[i]), location: str(I.l[i]),
      mention: str(I.m[i]), admin1: str(I.a[i]), admin1_code: str(I.c[i]), geo_precision: I.p[i],
      killed: I.k[i] >= 0 ? I.k[i] : null, injured: I.j[i] >= 0 ? I.j[i] : null,
      evidence: str(I.e[i]), source: sources[0] || null, sources: sources,
      url: I.w && I.w[i] >= 0 ? S[I.w[i]] : null, latitude: I.y[i], longitude: I.x[i]};
  }
  var CSV = [['id', 'id'], ['event_date', 'date'], ['event_type', 'event_type'],
    ['sub_event_type', 'sub_event_type'], ['admin1', 'admin1'], ['admin1_code', 'admin1_code'],
    ['location', 'location'], ['latitude', 'latitude'], ['longitude', 'longitude'],
    ['geo_precision', 'geo_precision'], ['source', 'source'], ['url', 'url'], ['notes', 'evidence'],
    ['fatalities', 'killed'], ['injured', 'injured'], ['mention', 'mention'], ['sources', 'sources']];
  function csvCell(value) {
    if (value === null || value === undefined) { return ''; }
    var text = Array.isArray(value) ? value.join('; ') : String(value);
    if (typeof value === 'string' || Array.isArray(value)) {
      if (FORMULA.test(text)) { text = "'" + text; }  // as export/table.py defuse: no spreadsheet formulas
    }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function toCsv(D, passing) {
    var lines = [CSV.map(function (c) { return c[0]; }).join(',')];
    for (var k = 0; k < passing.length; k++) {
      var rec = record(D, passing[k]);
      lines.push(CSV.map(function (c) { return csvCell(rec[c[1]]); }).join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }
  function toGeojson(D, passing) {
    var features = [];
    for (var k = 0; k < passing.length; k++) {
      var rec = record(D, passing[k]), lon = rec.longitude, lat = rec.latitude;
      delete rec.longitude; delete rec.latitude;
      features.push({type: 'Feature', geometry: {type: 'Point', coordinates: [lon, lat]}, properties: rec});
    }
    return JSON.stringify({type: 'FeatureCollection', features: features});
  }
  function download(name, text, type) {  // a Blob and a temporary link: no server, works from file://
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var a = el('a', null, null, document.body);
    a.href = url; a.download = name; a.style.display = 'none';
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  window.geomapCore = {esc: esc, el: el, safeUrl: safeUrl, num: num, classify: classify, Filter: Filter,
    CASUALTIES: CASUALTIES, aggregate: aggregate, record: record, toCsv: toCsv, toGeojson: toGeojson,
    download: download};
}());
