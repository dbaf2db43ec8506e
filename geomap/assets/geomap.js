/* geomap incident map: builds the choropleth, the incident markers, the heat map, the legend and the time
   filter from one JSON payload (see geomap/render/payload.py). Text from articles reaches the page only
   through textContent, or esc() where Leaflet wants an HTML string. */
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

  window.geomapInit = function (map, D) {
    var S = D.S, I = D.inc, n = I.x.length, types = D.types, dates = D.dates;
    var str = function (k) { return k >= 0 ? S[k] : ''; };
    var container = map.getContainer();
    map.setMinZoom(3);
    map.setMaxZoom(18);  // markercluster needs a map maxZoom; folium sets it only on tile layers
    container.classList.add('geomap-map');
    if (D.offline) { container.classList.add('geomap-offline'); }

    /* Base layers: tiles online (greyed so the choropleth reads), own country outlines offline. */
    var base = {};
    D.tiles.forEach(function (t, k) {
      var layer = L.tileLayer(t.url, {attribution: t.attribution, maxZoom: t.maxZoom,
        className: t.grey ? 'geomap-grey-tiles' : ''});
      base[esc(t.name)] = layer;
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

    /* Choropleth of admin-1 regions; one layer restyled when the measure changes. */
    var measure = 'incidents', M = D.measures;
    function regionStyle(feature) {
      var c = feature.properties.cls[measure];
      return {color: '#ffffff', weight: 0.8, opacity: 0.9, fillOpacity: c >= 0 ? 0.75 : 0.45,
        fillColor: c >= 0 ? M[measure].colours[c] : D.noData, className: 'geomap-region'};
    }
    function regionTip(p) {
      var box = el('div', 'geomap-region-tip');
      el('strong', null, p.n || p.c, box);
      if (p.c) { el('span', 'geomap-code', ' ' + p.c, box); }
      Object.keys(M).forEach(function (m) {
        var row = el('div', m === measure ? 'geomap-active' : null, null, box);
        el('span', null, M[m].label + ': ', row);
        el('b', null, num(p[m]), row);
      });
      return box;
    }
    var regions = L.geoJSON(D.regions, {
      style: regionStyle,
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () { return regionTip(feature.properties); },
          {sticky: true, className: 'geomap-tip', direction: 'top', offset: [0, -8]});
        layer.on('mouseover', function () { layer.setStyle({weight: 2.2, color: '#444'}); });
        layer.on('mouseout', function () { regions.resetStyle(layer); });
      }
    }).addTo(map);

    /* Incident markers: colour = event type, size = killed + injured, ring = whole region. */
    map.createPane('geomap-incidents').style.zIndex = 450;
    var markers = new Array(n), latlngs = new Array(n);
    for (var i = 0; i < n; i++) {
      var p = I.p[i], colour = types[I.t[i]].colour;
      var hurt = Math.max(I.k[i], 0) + Math.max(I.j[i], 0);
      var radius = Math.min(5 + 2.2 * Math.sqrt(hurt), 22);
      var options = p === 3
        ? {radius: Math.max(radius, 13), color: colour, weight: 2.5, dashArray: '5 4', fillColor: '#ffffff',
           fillOpacity: 0.55}
        : {radius: radius, color: p === 2 ? colour : '#ffffff', weight: p === 2 ? 2.2 : 1.3, fillColor: colour,
           fillOpacity: p === 2 ? 0.35 : 0.9};
      options.pane = 'geomap-incidents';
      options.className = 'geomap-incident geomap-p' + p;
      options.geomapIndex = i;
      latlngs[i] = L.latLng(I.y[i], I.x[i]);
      markers[i] = L.circleMarker(latlngs[i], options);
    }
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: n > 5000 ? 13 : 10, spiderLegPolylineOptions: {weight: 1, color: '#555'},
      iconCreateFunction: function (c) {
        var count = c.getChildCount(), size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50;
        return L.divIcon({html: '<div><span>' + count.toLocaleString('en') + '</span></div>',
          className: 'geomap-cluster', iconSize: L.point(size, size)});
      }
    }).addTo(map);

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
      var sources = I.Z[I.s[i]] || [];
      if (sources.length) {
        var line = el('div', 'geomap-sources', sources.length > 1 ? 'Sources: ' : 'Source: ', box);
        sources.forEach(function (k, j) {
          if (j) { line.appendChild(document.createTextNode(', ')); }
          var text = str(k), href = safeUrl(text);
          if (href) {
            var a = el('a', null, text, line);
            a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer';
          } else { el('span', null, text, line); }
        });
      }
      if (I.id[i] >= 0) { el('div', 'geomap-id', str(I.id[i]), box); }
      return box;
    }
    var popup = L.popup({maxWidth: 360, minWidth: 240, className: 'geomap-popup', autoPanPadding: [40, 40]});
    cluster.on('click', function (e) {
      var i = e.layer.options.geomapIndex;
      if (i === undefined) { return; }
      popup.setLatLng(e.layer.getLatLng()).setContent(popupContent(i)).openOn(map);
    });

    /* Heat map (off at start), kept in step with the filters. */
    var heat = L.heatLayer([], {radius: 18, blur: 22, minOpacity: 0.3, maxZoom: 9});
    var heatOn = false;

    /* Filters: event types (layer control) and date (time slider). */
    var active = types.map(function () { return true; });
    var day = dates.length, cumulative = false, shownCount = n, pending = null, shown = [];
    function visible(i) {
      if (!active[I.t[i]]) { return false; }
      if (day >= dates.length) { return true; }
      var d = I.d[i];
      return d >= 0 && (cumulative ? d <= day : d === day);
    }
    function refresh() {
      pending = null;
      shown = [];
      var points = [];
      for (var i = 0; i < n; i++) {
        if (visible(i)) { shown.push(markers[i]); points.push(latlngs[i]); }
      }
      cluster.clearLayers();
      cluster.addLayers(shown);
      if (heatOn) { heat.setLatLngs(points); }
      shownCount = shown.length;
      var counter = document.getElementById('geomap-shown');
      if (counter) {
        counter.textContent = shownCount === n ? '' : 'Showing ' + shownCount.toLocaleString('en') + ' of ' +
          n.toLocaleString('en') + ' incidents';
      }
    }
    function schedule() { if (pending === null) { pending = setTimeout(refresh, 0); } }
    heat.on('add', function () { heatOn = true; schedule(); });
    heat.on('remove', function () { heatOn = false; });
    var TypeLayer = L.Layer.extend({
      initialize: function (k) { this.k = k; },
      onAdd: function () { active[this.k] = true; schedule(); return this; },
      onRemove: function () { active[this.k] = false; schedule(); return this; }
    });

    var overlays = {'Regions (choropleth)': regions};
    types.forEach(function (t, k) {
      var label = '<span class="geomap-dot" style="background:' + esc(t.colour) + '"></span>' + esc(t.name) +
        ' <span class="geomap-count">' + t.count.toLocaleString('en') + '</span>';
      overlays[label] = new TypeLayer(k).addTo(map);
    });
    overlays['Heat map'] = heat;
    L.control.layers(base, overlays, {collapsed: window.innerWidth < 720, position: 'topright'}).addTo(map);

    /* Legend with the measure selector. */
    var legend = L.control({position: 'bottomright'});
    legend.onAdd = function () {
      var box = L.DomUtil.create('div', 'geomap-legend');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      el('div', 'geomap-legend-title', 'Regions by', box);
      var choice = el('div', 'geomap-measures', null, box);
      var classes = el('div', 'geomap-classes', null, box);
      function drawClasses() {
        classes.textContent = '';
        M[measure].labels.forEach(function (label, k) {
          var row = el('div', null, null, classes);
          el('i', null, null, row).style.background = M[measure].colours[k];
          el('span', null, label, row);
        });
        var none = el('div', null, null, classes);
        el('i', null, null, none).style.background = D.noData;
        el('span', null, M[measure].labels.length ? '0 / none reported' : 'no incidents', none);
        if (M[measure].method !== 'none') { el('small', null, 'classes: ' + M[measure].method, classes); }
      }
      Object.keys(M).forEach(function (m) {
        var label = el('label', null, null, choice);
        var input = el('input', null, null, label);
        input.type = 'radio'; input.name = 'geomap-measure'; input.value = m; input.checked = m === measure;
        el('span', null, M[m].label, label);
        input.addEventListener('change', function () {
          measure = m; regions.setStyle(regionStyle); drawClasses();
        });
      });
      drawClasses();
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
    legend.addTo(map);

    /* Time slider, when the incidents span more than one day. */
    if (dates.length > 1) {
      var timebox = L.control({position: 'bottomleft'});
      timebox.onAdd = function () {
        var box = L.DomUtil.create('div', 'geomap-time');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var play = el('button', 'geomap-play', '▶', box);
        play.type = 'button'; play.title = 'Play day by day';
        var slider = el('input', null, null, box);
        slider.type = 'range'; slider.min = 0; slider.max = dates.length; slider.value = dates.length;
        slider.setAttribute('aria-label', 'Date');
        var label = el('span', 'geomap-day', null, box);
        var cumLabel = el('label', 'geomap-cumulative', null, box);
        var cum = el('input', null, null, cumLabel);
        cum.type = 'checkbox';
        el('span', null, 'up to this day', cumLabel);
        var timer = null;
        function show() {
          day = +slider.value;
          label.textContent = day >= dates.length
            ? 'All dates (' + dates[0] + ' – ' + dates[dates.length - 1] + ')' : dates[day];
          schedule();
        }
        function stop() { clearInterval(timer); timer = null; play.textContent = '▶'; }
        slider.addEventListener('input', function () { stop(); show(); });
        cum.addEventListener('change', function () { cumulative = cum.checked; show(); });
        play.addEventListener('click', function () {
          if (timer) { stop(); return; }
          play.textContent = '❚❚';
          slider.value = +slider.value >= dates.length ? 0 : slider.value;
          show();
          timer = setInterval(function () {
            if (+slider.value >= dates.length - 1) { slider.value = dates.length; show(); stop(); return; }
            slider.value = +slider.value + 1; show();
          }, 900);
        });
        show();
        return box;
      };
      timebox.addTo(map);
    }

    var wide = container.clientWidth > 720;  // keep the incidents clear of the title, legend and layer list
    map.fitBounds(D.bounds, {paddingTopLeft: wide ? [70, 90] : [30, 30],
      paddingBottomRight: wide ? [300, 60] : [30, 30], maxZoom: 9});
    if (pending !== null) { clearTimeout(pending); }
    refresh();
    window.geomap = {map: map, cluster: cluster, regions: regions, heat: heat,
      shown: function () { return shownCount; }, total: n, openPopup: function (i) {
        cluster.zoomToShowLayer(markers[i], function () {
          popup.setLatLng(latlngs[i]).setContent(popupContent(i)).openOn(map);
        });
      }};
  };
}());
