/** Entry point: styles and fonts (bundled from npm, never from the network), then the app. */
import '@fontsource/sarabun/thai-400.css';
import '@fontsource/sarabun/thai-700.css';
import '@fontsource/sarabun/latin-400.css';
import '@fontsource/sarabun/latin-700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import './map/worker.js';
import { startApp } from './app.js';

startApp().catch((err: Error) => {
  const box = document.getElementById('fatal');
  if (box) {
    box.hidden = false;
    box.textContent = err.message;
  }
  console.error(err);
});
