// Vite build and Vitest configuration for the Yuanqu web console.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus components (and v-loading) are imported on demand, with their CSS.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: false,
      dirs: [],
    }),
  ],
  define: {
    // vue-i18n: composition API only, no devtools.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Stable, readable vendor chunks; Element Plus parts stay split by route.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
            // the API reference viewer, loaded by the 接口文档 page only
            { name: 'rapidoc', test: /node_modules[\\/]rapidoc[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/__tests__/**/*.test.js', 'tests/unit/**/*.test.js'],
    css: false,
    define: {
    // vue-i18n: composition API only, no devtools.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
  },
  server: { deps: { inline: ['element-plus'] } },
  },
})
