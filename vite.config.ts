import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is the Vite root; relative base so the build loads from app:// and from a file server alike.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
