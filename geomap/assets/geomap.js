/* geomap incident map: base layers, labels, the choropleth, clustered markers, the heat map, the legend, the
   filter panel and the date range, all driven by one Filter (geomap-core.js); the table, place search and
   exports are in geomap-panel.js. Text from articles reaches the page only through textContent. */
(function () {
  'use strict';
  var C = window.geomapCore, el = C.el, num = C.num;

  /* Labels of the offline base map: region names and towns, each tier from its zoom level up. */
  var LabelLayer = L.Layer.extend({
    initialize: function (labels) {
      this.tiers = {};
      var self = this;
      function add(zoom, name, lat, lon, cls) {
        var node = el('span', null, name);
        var icon = L.divIcon({html: node, className: 'geomap-label ' + cls, iconSize: null});
        (self.tiers[zoom] = self.tiers[zoom] || L.layerGroup()).addLayer(
          L.marker([lat, lon], {icon: icon, pane: 'geomap-labels', interactive: false, keyboard: false}));
      }
      labels.regions.forEach(function (r) { add('r', r[0], r[1], r[2], 'geomap-label-region'); });
      labels.towns.forEach(function (t) { add(t[3], t[0], t[1], t[2], 'geomap-label-town geomap-tier' + t[3]); });
    },
    onAdd: function (map) { map.on('zoomend', this._update, this); this._update(); },
    onRemove: function (map) {
      map.off('zoomend', this._update, this);
      for (var z in this.tiers) { map.removeLayer(this.tiers[z]); }
    },
    _update: function () {
      var map = this._map, zoom = map.getZoom();
      for (var z in this.tiers) {
        var show = z === 'r' ? zoom >= 5 && zoom <= 10 : zoom >= +z;
        if (show && !map.hasLayer(this.tiers[z])) { map.addLayer(this.tiers[z]); }
        if (!show && map.hasLayer(this.tiers[z])) { map.removeLayer(this.tiers[z]); }
      }
    }
  });

  window.geomapInit = function (map, D) {
    var S = D.S, I = D.inc, n = I.x.length, types = D.types, dates = D.dates, M = D.measures;
    var str = function (k) { return k >= 0 ? S[k] : ''; };
    var container = map.getContainer();
    var filter = new C.Filter(D), passing = filter.apply(), figures = C.aggregate(D, passing), classes = {};
    Object.keys(M).forEach(function (m) { classes[m] = C.classify(figures[m]); });
    var pending = null, lastUpdate = {ms: 0, at: 0};
    map.setMinZoom(3);
    map.setMaxZoom(18);  // markercluster needs a map maxZoom; folium sets it only on tile layers
    container.classList.add('geomap-map');
    if (D.offline) { container.classList.add('geomap-offline'); }

    /* Base layers: tiles online (greyed so the choropleth reads), own country outlines offline. */
    var base = {};
    D.tiles.forEach(function (t, k) {
      var layer = L.tileLayer(t.url, {attribution: t.attribution, maxZoom: t.maxZoom,
        className: t.grey ? 'geomap-grey-tiles' : ''});
      base[C.esc(t.name)] = layer;
      if (k === 0) { layer.addTo(map); }
    });
    if (D.outlines) {
      map.createPane('geomap-base').style.zIndex = 150;
      var outlines = L.geoJSON(D.outlines, {pane: 'geomap-base', interactive: false,
        style: {color: '#a7a29a', weight: 1, fillColor: '#f4f2ee', fillOpacity: 1}});
      base['Country outlines'] = outlines;
      if (!D.tiles.length) { outlines.addTo(map); }
      map.attributionControl.addAttribution('Boundaries: Natural Earth');
    }
    map.createPane('geomap-labels').style.zIndex = 430;  // above the choropleth, under the markers
    var labels = new LabelLayer(D.labels);
    if (D.offline) { labels.addTo(map); }  // online tiles carry their own labels

    /* Choropleth of admin-1 regions, coloured by the filtered figures. */
    var measure = 'incidents';
    D.regions.features.forEach(function (f, k) { f.geomapIndex = k; });
    function regionStyle(feature) {
      var c = classes[measure].index(figures[measure][feature.geomapIndex]);
      var colours = M[measure].ramps[classes[measure].bins.length - 1] || [];
      var close = map.getZoom() >= 9 ? 0.5 : 1;  // zoomed in, the fill gives way to the labels and markers
      return {color: '#ffffff', weight: 0.8, opacity: 0.9, fillOpacity: (c >= 0 ? 0.75 : 0.45) * close,
        fillColor: c >= 0 ? colours[c] : D.noData, className: 'geomap-region'};
    }
    function regionTip(feature) {
      var p = feature.properties, box = el('div', 'geomap-region-tip');
      el('strong', null, p.n || p.c, box);
      if (p.c) { el('span', 'geomap-code', ' ' + p.c, box); }
      Object.keys(M).forEach(function (m) {
        var row = el('div', m === measure ? 'geomap-active' : null, null, box);
        el('span', null, M[m].label + ': ', row);
        el('b', null, num(figures[m][feature.geomapIndex]), row);
      });
      if (passing.length !== n) { el('small', null, 'filtered: ' + describe(), box); }
      return box;
    }
    var regions = L.geoJSON(D.regions, {
      style: function (feature) { return regionStyle(feature); },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () { return regionTip(feature); },
          {sticky: true, className: 'geomap-tip', direction: 'top', offset: [0, -8]});
        layer.on('mouseover', function () { layer.setStyle({weight: 2.2, color: '#444'}); });
        layer.on('mouseout', function () { layer.setStyle(regionStyle(feature)); });
      }
    });

    /* Incident markers: colour = event type, size = killed + injured, ring = whole region. */
    var latlngs = new Array(n);
    for (var i = 0; i < n; i++) { latlngs[i] = L.latLng(I.y[i], I.x[i]); }
    function makeMarker(i, pane) {
      var p = I.p[i], colour = types[I.t[i]].colour;
      var hurt = Math.max(I.k[i], 0) + Math.max(I.j[i], 0);
      var radius = Math.min(5 + 2.2 * Math.sqrt(hurt), 22);
      var options = p === 3
        ? {radius: Math.max(radius, 13), color: colour, weight: 2.5, dashArray: '5 4', fillColor: '#ffffff',
           fillOpacity: 0.55}
        : {radius: radius, color: p === 2 ? colour : '#ffffff', weight: p === 2 ? 2.2 : 1.3, fillColor: colour,
           fillOpacity: p === 2 ? 0.35 : 0.9};
      options.pane = pane;
      options.className = 'geomap-incident geomap-p' + p;
      options.geomapIndex = i;
      return L.circleMarker(latlngs[i], options);
    }
    /* Two cluster groups, each drawn in a pane of its own: `full` holds every incident and is built once, so
       clearing the filters is a swap, not a rebuild; `part` holds the filtered incidents (its own marker
       objects: a marker belongs to one group). The plugin adds big lists in chunks over several event-loop
       turns, and clearing or removing a group while its chunked load runs lets the old load carry on into
       the new state (the race that left ~17,000 markers on a map saying 117) or breaks it. So a group is
       only cleared or removed between loads: a filter change during the first load of `full` hides its pane
       and loads `part`; `full` finishes out of sight and leaves the map. The newest wanted list waits for a
       running load of `part`. */
    var wanted = null, markersOn = true, shownSet = null;
    function makeSet(name) {
      var pane = 'geomap-' + name, set = {markers: new Array(n), loading: false, built: false, pane: pane};
      map.createPane(pane).style.zIndex = 450;
      set.group = L.markerClusterGroup({
        chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
        disableClusteringAtZoom: n > 5000 ? 13 : 10, spiderLegPolylineOptions: {weight: 1, color: '#555'},
        clusterPane: pane,
        chunkProgress: function (done, total) {
          if (done !== total || !set.loading) { return; }  // also skips the empty load of onAdd
          setTimeout(function () {
            set.loading = false;
            if (shownSet !== set) { map.removeLayer(set.group); }
            if (wanted) { applyMarkers(); } else { update.markersDone(); }
          }, 0);
        },
        iconCreateFunction: function (c) {
          var count = c.getChildCount(), size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50;
          return L.divIcon({html: '<div><span>' + count.toLocaleString('en') + '</span></div>',
            className: 'geomap-cluster', iconSize: L.point(size, size)});
        }
      });
      set.group.on('click', markerClick);
      return set;
    }
    var full = makeSet('full'), part = makeSet('part');
    for (i = 0; i < n; i++) { full.markers[i] = makeMarker(i, full.pane); }
    function show(set) {
      [full, part].forEach(function (s) {
        map.getPane(s.pane).style.display = s === set ? '' : 'none';
        if (s !== set && !s.loading && map.hasLayer(s.group)) { map.removeLayer(s.group); }
      });
      shownSet = set;
      if (!map.hasLayer(set.group)) { map.addLayer(set.group); }
    }
    function load(set, list) {
      set.loading = true;
      set.built = true;
      set.group.clearLayers();
      set.group.addLayers(list);
    }
    function applyMarkers() {
      var want = wanted;
      if (part.loading) { return; }  // part is never cleared mid-load: the newest list waits
      wanted = null;
      if (want.all && full.built) { show(full); part.group.clearLayers(); update.markersDone(); return; }
      if (want.all) { show(full); load(full, full.markers); return; }
      var list = new Array(want.list.length);
      for (var k = 0; k < list.length; k++) {
        var j = want.list[k];
        list[k] = part.markers[j] || (part.markers[j] = makeMarker(j, part.pane));
      }
      show(part);
      load(part, list);
    }
    function setMarkers(list) {
      wanted = {all: markersOn && list.length === n, list: markersOn ? list : []};
      applyMarkers();
    }
    var IncidentToggle = L.Layer.extend({  // the layer control's "Incidents" box: shows or hides the markers
      onAdd: function () { markersOn = true; schedule(); return this; },
      onRemove: function () { markersOn = false; schedule(); return this; }
    });

    /* One popup for every marker, filled from the columns when a marker is clicked. */
    function popupContent(i) {
      var box = el('div', 'geomap-popup-body');
      var head = el('div', 'geomap-kind', null, box);
      head.style.borderColor = types[I.t[i]].colour;
      el('span', null, types[I.t[i]].name, head);
      if (I.u[i] >= 0) { el('small', null, ' · ' + str(I.u[i]), head); }
      var p = I.p[i];
      el('h3', null, p === 3 ? (str(I.a[i]) || str(I.l[i])) : (str(I.l[i]) || str(I.a[i]) || 'Unnamed place'), box);
      if (p === 3) {
        el('div', 'geomap-warn', 'Whole region: no exact place was reported. The ring marks the region, ' +
          'not a strike on its centre or capital.', box);
      }
      var table = el('table', null, null, box);
      function row(label, value) {
        if (value === '' || value === null || value === undefined) { return; }
        var tr = el('tr', null, null, table);
        el('th', null, label, tr);
        el('td', null, value, tr);
      }
      row('Date', I.d[i] >= 0 ? dates[I.d[i]] : 'unknown');
      row('Region', [str(I.a[i]), I.c[i] >= 0 ? '(' + str(I.c[i]) + ')' : ''].join(' ').trim());
      row('Precision', p + ' · ' + (D.precision[p] || ''));
      row('Killed', num(I.k[i]));
      row('Injured', num(I.j[i]));
      if (I.m[i] >= 0 && I.m[i] !== I.l[i]) { row('As written', str(I.m[i])); }
      if (I.e[i] >= 0) { el('blockquote', null, str(I.e[i]), box); }
      var link = I.w && I.w[i] >= 0 ? C.safeUrl(S[I.w[i]]) : null;
      if (link) {
        var linkLine = el('div', 'geomap-link', 'Report: ', box);
        var a = el('a', null, link.replace(/^https?:\/\//, '').slice(0, 60), linkLine);
        a.href = link; a.target = '_blank'; a.rel = 'noopener noreferrer';
      }
      var sources = I.Z[I.s[i]] || [];
      if (sources.length) {
        var line = el('div', 'geomap-sources', sources.length > 1 ? 'Sources: ' : 'Source: ', box);
        sources.forEach(function (k, j) {
          if (j) { line.appendChild(document.createTextNode(', ')); }
          var text = str(k), href = C.safeUrl(text);
          if (href) {
            var s = el('a', null, text, line);
            s.href = href; s.target = '_blank'; s.rel = 'noopener noreferrer';
          } else { el('span', null, text, line); }
        });
      }
      if (I.id[i] >= 0) { el('div', 'geomap-id', str(I.id[i]), box); }
      return box;
    }
    var popup = L.popup({maxWidth: 360, minWidth: 240, className: 'geomap-popup', autoPanPadding: [40, 40]});
    function openPopup(i) {
      var marker = shownSet && shownSet.markers[i];
      if (!marker || !shownSet.group.hasLayer(marker)) {  // filtered out: the popup alone, at its place
        map.setView(latlngs[i], Math.max(map.getZoom(), 10));
        popup.setLatLng(latlngs[i]).setContent(popupContent(i)).openOn(map);
        return;
      }
      shownSet.group.zoomToShowLayer(marker, function () {
        popup.setLatLng(latlngs[i]).setContent(popupContent(i)).openOn(map);
      });
    }
    function markerClick(e) {
      var i = e.layer.options.geomapIndex;
      if (i === undefined) { return; }
      popup.setLatLng(e.layer.getLatLng()).setContent(popupContent(i)).openOn(map);
      if (panel) { panel.select(i); }
    }

    /* Heat map (off at start), kept in step with the filters. */
    var heat = L.heatLayer([], {radius: 18, blur: 22, minOpacity: 0.3, maxZoom: 9});
    var heatOn = false;
    function heatPoints() {
      var points = new Array(passing.length);
      for (var k = 0; k < passing.length; k++) { points[k] = latlngs[passing[k]]; }
      return points;
    }
    heat.on('add', function () { heatOn = true; heat.setLatLngs(heatPoints()); });
    heat.on('remove', function () { heatOn = false; });

    /* Everything that follows the filter, in one pass. */
    function describe() {
      var parts = [];
      if (!filter.allDates()) { parts.push(dates[filter.from] + ' – ' + dates[filter.to]); }
      var off = types.filter(function (t, k) { return !filter.types[k]; });
      if (off.length) {
        parts.push(types.filter(function (t, k) { return filter.types[k]; }).map(function (t) { return t.name; })
          .join(', ') || 'no type');
      }
      var prec = [1, 2, 3].filter(function (q) { return filter.precision[q]; });
      if (prec.length < 3) { parts.push('precision ' + (prec.join(', ') || 'none')); }
      if (filter.casualties) { parts.push(C.CASUALTIES[filter.casualties][0]); }
      if (filter.text.trim()) { parts.push('“' + filter.text.trim() + '”'); }
      return parts.join(' · ');
    }
    function update() {
      pending = null;
      var started = performance.now();
      passing = filter.apply();
      figures = C.aggregate(D, passing);
      Object.keys(M).forEach(function (m) { classes[m] = C.classify(figures[m]); });
      regions.setStyle(regionStyle);
      if (legendClasses) { drawClasses(); }
      setMarkers(passing);
      if (heatOn) { heat.setLatLngs(heatPoints()); }
      counter();
      typeCounts();
      if (panel) { panel.update(passing); }
      if (chart) { chart.update(passing); }
      lastUpdate = {ms: performance.now() - started, at: Date.now()};
    }
    function counter() {
      var box = document.getElementById('geomap-shown');
      if (!box) { return; }
      var text = passing.length === n ? '' : 'Showing ' + passing.length.toLocaleString('en') + ' of ' +
        n.toLocaleString('en') + ' incidents · ' + describe();
      box.textContent = text + (busy() ? (text ? ' · ' : '') + 'drawing markers…' : '');
    }
    update.markersDone = counter;
    function busy() { return wanted !== null || (shownSet !== null && shownSet.loading); }
    function schedule() { if (pending === null) { pending = setTimeout(update, 0); } }

    /* Legend: measure selector, classes of the filtered figures, symbols. */
    var legendClasses = null;
    function drawClasses() {
      var cl = classes[measure], colours = M[measure].ramps[cl.bins.length - 1] || [];
      legendClasses.textContent = '';
      cl.labels.forEach(function (label, k) {
        var row = el('div', null, null, legendClasses);
        el('i', null, null, row).style.background = colours[k];
        el('span', null, label, row);
      });
      var none = el('div', null, null, legendClasses);
      el('i', null, null, none).style.background = D.noData;
      el('span', null, cl.labels.length ? '0 / none reported' : 'no incidents', none);
      if (cl.method !== 'none') { el('small', null, 'classes: ' + cl.method, legendClasses); }
    }
    var legend = L.control({position: 'bottomright'});
    legend.onAdd = function () {
      var box = L.DomUtil.create('div', 'geomap-legend');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      el('div', 'geomap-legend-title', 'Regions by', box);
      var choice = el('div', 'geomap-measures', null, box);
      legendClasses = el('div', 'geomap-classes', null, box);
      if (D.countsNote) { el('small', 'geomap-counts-note', D.countsNote, box); }
      Object.keys(M).forEach(function (m) {
        var label = el('label', null, null, choice);
        var input = el('input', null, null, label);
        input.type = 'radio'; input.name = 'geomap-measure'; input.value = m; input.checked = m === measure;
        el('span', null, M[m].label, label);
        input.addEventListener('change', function () {
          measure = m; regions.setStyle(regionStyle); drawClasses();
        });
      });
      el('div', 'geomap-legend-title', 'Incidents', box);
      types.forEach(function (t) {
        var row = el('div', 'geomap-type', null, box);
        el('i', 'geomap-dot', null, row).style.background = t.colour;
        el('span', null, t.name, row);
      });
      var symbols = el('div', 'geomap-symbols', null, box);
      [['geomap-sym-town', 'town or village'], ['geomap-sym-near', 'near a town / part of a region'],
       ['geomap-sym-region', 'whole region, no exact place']].forEach(function (s) {
        var row = el('div', null, null, symbols);
        el('i', s[0], null, row);
        el('span', null, s[1], row);
      });
      el('small', null, 'marker size: killed + injured', box);
      return box;
    };

    /* Filter panel: event types, precision, casualties. */
    var typeBoxes = [];
    function typeCounts() {
      var counts = types.map(function () { return 0; });
      for (var k = 0; k < passing.length; k++) { counts[I.t[passing[k]]]++; }
      typeBoxes.forEach(function (span, k) {
        span.textContent = counts[k] === types[k].count ? num(types[k].count)
          : num(counts[k]) + ' / ' + num(types[k].count);
      });
    }
    var filters = L.control({position: 'topright'});
    filters.onAdd = function () {
      var box = L.DomUtil.create('div', 'geomap-filters');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var head = el('div', 'geomap-legend-title', 'Filters', box);
      var fold = el('button', 'geomap-fold', '–', head);
      fold.type = 'button'; fold.title = 'Fold the filters';
      var body = el('div', 'geomap-filter-body', null, box);
      fold.addEventListener('click', function () {
        body.hidden = !body.hidden; fold.textContent = body.hidden ? '+' : '–';
      });
      function check(parent, text, cls, onChange) {
        var label = el('label', 'geomap-check ' + (cls || ''), null, parent);
        var input = el('input', null, null, label);
        input.type = 'checkbox'; input.checked = true;
        input.addEventListener('change', function () { onChange(input.checked); schedule(); });
        return label;
      }
      var typeList = el('div', 'geomap-types', null, body);
      types.forEach(function (t, k) {
        var label = check(typeList, null, 'geomap-type-filter', function (on) { filter.types[k] = on; });
        label.querySelector('input').value = t.name;
        el('i', 'geomap-dot', null, label).style.background = t.colour;
        el('span', null, t.name + ' ', label);
        typeBoxes.push(el('span', 'geomap-count', null, label));
      });
      var prec = el('div', 'geomap-precision', 'Precision: ', body);
      [1, 2, 3].forEach(function (q) {
        var label = check(prec, null, 'geomap-prec-filter', function (on) { filter.precision[q] = on; });
        label.querySelector('input').value = q;
        label.title = D.precision[q] || '';
        el('span', null, String(q), label);
      });
      var cas = el('label', 'geomap-casualties', 'Casualties: ', body);
      var select = el('select', null, null, cas);
      C.CASUALTIES.forEach(function (c, k) {
        var option = el('option', null, c[0], select);
        option.value = k;
      });
      select.addEventListener('change', function () { filter.casualties = +select.value; schedule(); });
      var tools = el('div', 'geomap-tools', null, body);
      var toggle = el('button', 'geomap-table-toggle', 'Table', tools);
      toggle.type = 'button';
      toggle.addEventListener('click', function () { if (panel) { panel.toggle(); } });
      el('span', null, 'Export filtered: ', tools);
      [['CSV', 'csv'], ['GeoJSON', 'geojson']].forEach(function (f) {
        var b = el('button', 'geomap-export-' + f[1], f[0], tools);
        b.type = 'button';
        b.addEventListener('click', function () { exportFiltered(f[1]); });
      });
      return box;
    };
    function exportFiltered(format) {
      if (format === 'csv') { C.download('incidents-filtered.csv', C.toCsv(D, passing), 'text/csv;charset=utf-8'); }
      else { C.download('incidents-filtered.geojson', C.toGeojson(D, passing), 'application/geo+json'); }
    }

    /* Date range: two handles, play moves the window one day at a time. */
    var timebox = null;
    if (dates.length > 1) {
      timebox = L.control({position: 'bottomleft'});
      timebox.onAdd = function () {
        var box = L.DomUtil.create('div', 'geomap-time');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var play = el('button', 'geomap-play', '▶', box);
        play.type = 'button'; play.title = 'Play: move the date window one day at a time';
        var range = el('div', 'geomap-range', null, box);
        function handle(cls, value, label) {
          var input = el('input', cls, null, range);
          input.type = 'range'; input.min = 0; input.max = dates.length - 1; input.value = value;
          input.setAttribute('aria-label', label);
          return input;
        }
        var from = handle('geomap-from', 0, 'First day'), to = handle('geomap-to', dates.length - 1, 'Last day');
        var label = el('span', 'geomap-day', null, box);
        var all = el('button', 'geomap-all-dates', 'All dates', box);
        all.type = 'button';
        var chartBox = el('div', 'geomap-chart', null, box);
        chart = makeChart(chartBox);
        var timer = null;
        function show(moved) {
          var a = +from.value, b = +to.value;
          if (a > b) { if (moved === from) { to.value = a; b = a; } else { from.value = b; a = b; } }
          filter.from = a; filter.to = b;
          var days = b - a + 1;
          label.textContent = filter.allDates() ? 'All dates (' + dates[0] + ' – ' + dates[dates.length - 1] + ')'
            : dates[a] + (a === b ? '' : ' – ' + dates[b]) + ' (' + days + (days === 1 ? ' day)' : ' days)');
          schedule();
        }
        function stop() { clearInterval(timer); timer = null; play.textContent = '▶'; }
        from.addEventListener('input', function () { stop(); show(from); });
        to.addEventListener('input', function () { stop(); show(to); });
        all.addEventListener('click', function () { stop(); from.value = 0; to.value = dates.length - 1; show(); });
        play.addEventListener('click', function () {
          if (timer) { stop(); return; }
          play.textContent = '❚❚';
          var width = filter.allDates() ? 0 : +to.value - +from.value;  // the window kept while playing
          if (+to.value >= dates.length - 1) { from.value = 0; to.value = width; }
          show();
          timer = setInterval(function () {
            if (+to.value >= dates.length - 1) { stop(); return; }
            from.value = +from.value + 1; to.value = +to.value + 1; show();
          }, 900);
        });
        show();
        return box;
      };
    }

    /* A small chart of incidents and casualties per day of the filtered incidents. */
    var chart = null;
    function makeChart(box) {
      var canvas = el('canvas', null, null, box);
      canvas.width = 300; canvas.height = 46;
      canvas.setAttribute('aria-label', 'Incidents (bars) and killed + injured (line) per day');
      var caption = el('small', null, null, box);
      return {update: function (list) {
        var per = new Float64Array(dates.length), hurt = new Float64Array(dates.length);
        for (var k = 0; k < list.length; k++) {
          var i = list[k], d = I.d[i];
          if (d < 0) { continue; }
          per[d] += 1; hurt[d] += Math.max(I.k[i], 0) + Math.max(I.j[i], 0);
        }
        var ctx = canvas.getContext('2d'), w = canvas.width, h = canvas.height, step = w / dates.length;
        var top = Math.max.apply(null, per) || 1, topHurt = Math.max.apply(null, hurt) || 1;
        ctx.clearRect(0, 0, w, h);
        ctx.fillStyle = '#9ca3af';
        for (var x = 0; x < dates.length; x++) {
          var bar = per[x] / top * (h - 4);
          ctx.fillStyle = x >= filter.from && x <= filter.to ? '#4b5563' : '#d1d5db';
          ctx.fillRect(x * step + 0.5, h - bar, Math.max(step - 1, 1), bar);
        }
        ctx.strokeStyle = '#b91c1c'; ctx.lineWidth = 1.5; ctx.beginPath();
        for (x = 0; x < dates.length; x++) {
          var y = h - 2 - hurt[x] / topHurt * (h - 6);
          if (x) { ctx.lineTo(x * step + step / 2, y); } else { ctx.moveTo(step / 2, y); }
        }
        ctx.stroke();
        caption.textContent = 'per day: incidents (bars, max ' + num(top) + '), killed + injured (line, max ' +
          num(topHurt) + ')';
      }};
    }

    var incidentsLayer = new IncidentToggle();
    var overlays = {'Regions (choropleth)': regions, 'Incidents': incidentsLayer, 'Labels': labels,
      'Heat map': heat};
    regions.addTo(map);
    map.on('zoomend', function () { regions.setStyle(regionStyle); });
    map.addLayer(incidentsLayer);
    L.control.layers(base, overlays, {collapsed: true, position: 'topright'}).addTo(map);
    filters.addTo(map);
    legend.addTo(map);
    if (timebox) { timebox.addTo(map); }
    var panel = window.geomapPanel ? window.geomapPanel(map, D, {openPopup: openPopup, filter: filter,
      schedule: schedule, latlngs: latlngs}) : null;

    var wide = container.clientWidth > 720;  // keep the incidents clear of the title, legend and layer list
    map.fitBounds(D.bounds, {paddingTopLeft: wide ? [70, 90] : [30, 30],
      paddingBottomRight: wide ? [300, 60] : [30, 30], maxZoom: 9});
    if (pending !== null) { clearTimeout(pending); }
    update();
    window.geomap = {map: map, regions: regions, heat: heat, labels: labels, filter: filter,
      total: n, classify: C.classify, panel: panel,
      shown: function () { return passing.length; },
      passing: function () { return Array.prototype.slice.call(passing); },
      passingIds: function () { return Array.prototype.map.call(passing, function (i) { return str(I.id[i]); }); },
      idle: function () { return pending === null && !busy(); },
      markerCount: function () { return shownSet ? shownSet.group.getLayers().length : 0; },
      cluster: function () { return shownSet && shownSet.group; },
      lastUpdate: function () { return lastUpdate; },
      regionFigures: function () {
        var out = {};
        D.regions.features.forEach(function (f, k) {
          out[f.properties.c] = {incidents: figures.incidents[k], killed: figures.killed[k],
            injured: figures.injured[k], cls: classes[measure].index(figures[measure][k])};
        });
        return out;
      },
      legendLabels: function (m) { return classes[m || measure].labels; },
      update: update, openPopup: openPopup, exportFiltered: exportFiltered};
  };
}());
