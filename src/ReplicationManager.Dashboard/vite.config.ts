import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// The build lands in artifacts/dashboard (never committed); the server project copies it beside the executable.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "../../artifacts/dashboard",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
  },
});
