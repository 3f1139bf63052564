import react from '@vitejs/plugin-react';
// Relative: Vite bundles a relative import into the config, but would leave a package's TypeScript to Node.
import { chunkModules, precompress } from '../../packages/ui/build/vite-plugins.ts';
import { defineConfig } from 'vite';

// Served by the server under /admin/ (and by Vite's dev server on 5176, passing /api to the server).
export default defineConfig({
  base: '/admin/',
  plugins: [react(), chunkModules(), precompress()],
  build: { manifest: true, target: 'es2020', sourcemap: false },
  server: { port: 5176, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
