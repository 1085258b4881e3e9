/** The installed characteristic-grid modules, listed explicitly (see the module SDK in src/modules). */
export const installedModules: readonly unknown[] = [];
