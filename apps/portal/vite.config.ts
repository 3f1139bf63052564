import react from '@vitejs/plugin-react';
// Relative: Vite bundles a relative import into the config, but would leave a package's TypeScript to Node.
import { chunkModules, precompress } from '../../packages/ui/build/vite-plugins.ts';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), chunkModules(), precompress()],
  build: {
    manifest: true,
    target: 'es2020',
    // The manifest lets `pnpm bench:bundle` add up exactly the scripts a form page loads.
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
