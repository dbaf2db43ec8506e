/* geomap panel: the incident table beside the map (sorted, searchable, linked both ways to the markers) and
   the place search box. The table lists the filter's passing incidents; its search box is the filter's text,
   so it narrows the map, the choropleth and the counts as well. */
(function () {
  'use strict';
  var C = window.geomapCore, el = C.el, num = C.num;
  var PAGE = 100, WIDTH = 470;

  window.geomapPanel = function (map, D, api) {
    var I = D.inc, S = D.S, types = D.types, dates = D.dates, filter = api.filter;
    var container = map.getContainer();
    var rank = null;  // rank of every string in alphabetical order, made once on first sort by text
    function ranks() {
      if (!rank) {
        var order = S.map(function (s, k) { return k; });
        var collator = new Intl.Collator('en', {sensitivity: 'base'});
        order.sort(function (a, b) { return collator.compare(S[a], S[b]); });
        rank = new Int32Array(S.length);
        order.forEach(function (k, r) { rank[k] = r; });
      }
      return rank;
    }
    function firstSource(i) { var set = I.Z[I.s[i]]; return set && set.length ? set[0] : -1; }
    var COLUMNS = [  // key, heading, value for sorting, text
      ['date', 'Date', function (i) { return I.d[i]; }, function (i) { return I.d[i] >= 0 ? dates[I.d[i]] : ''; }],
      ['place', 'Place', function (i) { return I.l[i] >= 0 ? ranks()[I.l[i]] : -1; },
        function (i) { return I.l[i] >= 0 ? S[I.l[i]] : ''; }],
      ['type', 'Type', function (i) { return I.t[i]; }, function (i) { return types[I.t[i]].name; }],
      ['killed', 'Killed', function (i) { return I.k[i]; }, function (i) { return I.k[i] < 0 ? '?' : num(I.k[i]); }],
      ['injured', 'Injured', function (i) { return I.j[i]; }, function (i) { return I.j[i] < 0 ? '?' : num(I.j[i]); }],
      ['source', 'Source', function (i) { var s = firstSource(i); return s >= 0 ? ranks()[s] : -1; },
        function (i) { var s = firstSource(i); return s >= 0 ? S[s] : ''; }]
    ];
    var open = false, current = new Int32Array(0), rows = current, limit = PAGE, sortKey = 0, sortDir = -1;
    var selected = -1, dirty = true;

    var box = el('aside', 'geomap-panel', null, document.body);
    box.hidden = true;
    box.style.width = WIDTH + 'px';
    var head = el('div', 'geomap-panel-head', null, box);
    el('strong', null, 'Incidents', head);
    var count = el('span', 'geomap-panel-count', null, head);
    var close = el('button', 'geomap-panel-close', '×', head);
    close.type = 'button'; close.title = 'Close the table';
    var search = el('input', 'geomap-table-search', null, box);
    search.type = 'search'; search.placeholder = 'Search place, region or source (filters the map too)';
    var table = el('table', 'geomap-table', null, box);
    var headRow = el('tr', null, null, el('thead', null, null, table));
    var body = el('tbody', null, null, table);
    var more = el('button', 'geomap-more', null, box);
    more.type = 'button';
    COLUMNS.forEach(function (c, k) {
      var th = el('th', null, c[1], headRow);
      th.dataset.key = c[0];
      th.addEventListener('click', function () {
        sortDir = sortKey === k ? -sortDir : (k === 0 || k >= 3 && k <= 4 ? -1 : 1);
        sortKey = k; dirty = true; draw();
      });
    });
    var typing = null;
    search.addEventListener('input', function () {
      clearTimeout(typing);
      typing = setTimeout(function () { filter.text = search.value; api.schedule(); }, 150);
    });
    close.addEventListener('click', function () { toggle(false); });
    more.addEventListener('click', function () { limit += PAGE; drawRows(); });

    function sortRows() {
      var value = COLUMNS[sortKey][2], dir = sortDir, list = Array.prototype.slice.call(current);
      var keys = new Float64Array(I.x.length);
      list.forEach(function (i) { keys[i] = value(i); });
      list.sort(function (a, b) { return (keys[a] - keys[b]) * dir || a - b; });
      rows = list; dirty = false;
    }
    function drawRows() {
      body.textContent = '';
      var upto = Math.min(limit, rows.length);
      for (var r = 0; r < upto; r++) {
        var i = rows[r], tr = el('tr', i === selected ? 'geomap-selected' : null, null, body);
        tr.dataset.i = i;
        COLUMNS.forEach(function (c) { el('td', null, c[3](i), tr); });
      }
      more.hidden = upto >= rows.length;
      more.textContent = 'Show ' + Math.min(PAGE, rows.length - upto) + ' more of ' + num(rows.length - upto);
    }
    body.addEventListener('click', function (e) {
      var tr = e.target.closest('tr');
      if (!tr) { return; }
      var i = +tr.dataset.i;
      mark(i);
      api.openPopup(i);
    });
    function mark(i) {
      selected = i;
      var old = body.querySelector('.geomap-selected');
      if (old) { old.classList.remove('geomap-selected'); }
      var tr = body.querySelector('tr[data-i="' + i + '"]');
      if (tr) { tr.classList.add('geomap-selected'); tr.scrollIntoView({block: 'nearest'}); }
    }
    function draw() {
      count.textContent = current.length === I.x.length ? num(current.length)
        : num(current.length) + ' of ' + num(I.x.length);
      Array.prototype.forEach.call(headRow.children, function (th, k) {
        th.className = k === sortKey ? (sortDir > 0 ? 'geomap-asc' : 'geomap-desc') : '';
      });
      if (dirty) { sortRows(); }
      drawRows();
    }
    function toggle(on) {
      open = on === undefined ? !open : on;
      box.hidden = !open;
      container.style.width = open ? 'calc(100% - ' + WIDTH + 'px)' : '';
      map.invalidateSize();
      if (open) { dirty = true; draw(); }
    }

    /* Place search: towns and regions of the labels, and every place an incident names. */
    var places = {}, names = [];
    function addPlace(name, value) {
      var key = name.toLowerCase();
      if (!places[key]) { places[key] = value; names.push(name); }
    }
    var where = {};
    for (var i = 0; i < I.x.length; i++) {
      if (I.l[i] < 0 || I.p[i] === 3) { continue; }
      var w = where[I.l[i]] = where[I.l[i]] || [];
      w.push(api.latlngs[i]);
    }
    Object.keys(where).forEach(function (k) { addPlace(S[k], {bounds: L.latLngBounds(where[k])}); });
    D.labels.towns.forEach(function (t) { addPlace(t[0], {at: [t[1], t[2]], zoom: 11}); });
    D.labels.regions.forEach(function (r) { addPlace(r[0], {at: [r[1], r[2]], zoom: 7}); });
    var finder = L.control({position: 'topleft'});
    var found = null;
    finder.onAdd = function () {
      var div = L.DomUtil.create('div', 'geomap-find');
      L.DomEvent.disableClickPropagation(div);
      var input = el('input', null, null, div);
      input.type = 'search'; input.placeholder = 'Find a place';
      input.setAttribute('aria-label', 'Find a place');
      var list = el('datalist', null, null, div);
      list.id = 'geomap-places-' + L.stamp(map);
      input.setAttribute('list', list.id);
      names.sort().slice(0, 5000).forEach(function (name) { el('option', null, null, list).value = name; });
      var note = el('small', null, null, div);
      function go() {
        var place = places[input.value.trim().toLowerCase()];
        if (found) { map.removeLayer(found); found = null; }
        if (!place) { note.textContent = input.value.trim() ? 'not found' : ''; return; }
        note.textContent = '';
        var at = place.at ? L.latLng(place.at) : place.bounds.getCenter();
        if (place.at) { map.setView(at, place.zoom); } else { map.fitBounds(place.bounds, {maxZoom: 11}); }
        found = L.tooltip({permanent: true, direction: 'top', className: 'geomap-found', offset: [0, -6]})
          .setLatLng(at).setContent(el('span', null, input.value.trim())).addTo(map);
      }
      input.addEventListener('change', go);
      input.addEventListener('keydown', function (e) { if (e.key === 'Enter') { go(); } });
      return div;
    };
    finder.addTo(map);

    return {
      update: function (list) { current = list; dirty = true; limit = PAGE; if (open) { draw(); } },
      select: function (i) {
        if (!open) { return; }
        var at = rows.indexOf(i);
        if (at >= limit) { limit = Math.ceil((at + 1) / PAGE) * PAGE; drawRows(); }
        mark(i);
      },
      toggle: toggle,
      rows: function () { return Array.prototype.slice.call(body.children).map(function (tr) { return +tr.dataset.i; }); },
      total: function () { return rows.length; }
    };
  };
}());
