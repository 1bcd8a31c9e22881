/** The map webview's entry point (the bundle's main module). */
import './mapView';
