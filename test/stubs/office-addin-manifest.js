// office-addin-manifest pulls in ESM-only packages Jest cannot load on node 20; only the enum is used.
module.exports = { OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" } };
