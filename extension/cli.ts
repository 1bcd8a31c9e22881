/** The `cruxmap` command line: check and export drafts with the core alone. */
console.log('cruxmap: not built yet');
