// wiretrace page: the little that needs script. Every form and link works
// without it; this brings a passage's partner into view inside its own
// column (a plain link would scroll the whole page), and lets a file be
// dropped on a form. It reads nothing from the texts and writes no HTML.
(function () {
  'use strict';

  // bringIntoView scrolls the pane that holds el so that el sits in its
  // upper third, without moving the page.
  function bringIntoView(el) {
    var pane = el.closest('.pane');
    if (!pane) {
      el.scrollIntoView({ block: 'center' });
      return;
    }
    var top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
    pane.scrollTop = Math.max(0, top - pane.clientHeight / 3);
  }

  function flash(ref) {
    document.querySelectorAll('[data-ref="' + CSS.escape(ref) + '"]').forEach(function (el) {
      el.classList.remove('flash');
      void el.offsetWidth; // restart the animation
      el.classList.add('flash');
    });
  }

  document.addEventListener('click', function (e) {
    var a = e.target.closest('a.passage[data-partner]');
    if (!a) {
      return;
    }
    var partner = document.getElementById(a.dataset.partner);
    if (!partner) {
      return;
    }
    e.preventDefault();
    // The run of the partner that starts at or before the same point of
    // its passage as the run clicked.
    var at = parseFloat(a.dataset.at) || 0;
    var target = partner;
    document.querySelectorAll('[data-ref="' + CSS.escape(a.dataset.partner) + '"]').forEach(function (el) {
      if ((parseFloat(el.dataset.at) || 0) <= at) {
        target = el;
      }
    });
    bringIntoView(target);
    flash(a.dataset.partner);
    flash(a.dataset.ref);
    document.body.dataset.lastPartner = a.dataset.partner;
  });

  document.querySelectorAll('.drop').forEach(function (zone) {
    var input = zone.querySelector('input[type=file]');
    if (!input) {
      return;
    }
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('over');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () {
        zone.classList.remove('over');
      });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length > 0) {
        input.files = e.dataTransfer.files;
        var hint = zone.querySelector('.drop-hint');
        if (hint) {
          hint.textContent = input.files[0].name;
        }
      }
    });
  });
})();
