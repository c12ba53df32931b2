// The Bigin widget: Zoho's SDK tells which record is on screen (PageLoad), and the widget then
// becomes the embed page of that record. A plain script (no build step, no inline script: the
// page's CSP forbids inline code).
(function () {
  'use strict';
  var status = document.getElementById('status');
  var say = function (text) {
    status.textContent = text;
  };
  var zoho = window.ZOHO;
  if (!zoho || !zoho.embeddedApp) {
    say("Zoho's embedded-app SDK did not load: check ZOHO_EMBED_SDK_URL and the network.");
    return;
  }
  // Registered before init(), as Zoho's SDK requires: PageLoad may fire during init().
  zoho.embeddedApp.on('PageLoad', function (data) {
    var entity = data && data.Entity;
    var ids = data && data.EntityId;
    // In list views Bigin sends an array of the selected records: the first is shown.
    var list = Array.isArray(ids) ? ids : [ids];
    var id = list[0] === undefined || list[0] === null ? '' : String(list[0]);
    if (!/^[A-Za-z0-9_]{1,64}$/.test(String(entity)) || !/^\d{1,19}$/.test(id)) {
      say('Bigin did not name a record: open this widget on a record’s page.');
      return;
    }
    var target = '/embed/' + entity + '/' + id;
    if (list.length > 1) target += '?selected=' + list.length;
    window.location.replace(target);
  });
  zoho.embeddedApp.init();
})();
