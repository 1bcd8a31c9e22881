/** The argument map's webview entry point. */
export {};
