import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The config is run from the repository root (`vite --config web/vite.config.ts`), so
// every path is taken from this file's folder, not from the working directory.
const root = decodeURIComponent(new URL(".", import.meta.url).pathname);

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // antd's shared core is most of the first load; pages (and echarts with the 360) are lazy.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Separate, rarely-changing chunks that stay cached across releases of the app.
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:4380" },
    },
  },
});
