/** The application menu: standard roles (so copy/paste and zoom work everywhere) plus a few links. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

const RFC_8461 = 'https://www.rfc-editor.org/rfc/rfc8461';
const RFC_8460 = 'https://www.rfc-editor.org/rfc/rfc8460';

export function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
        // Developer tools only in unpackaged builds.
        ...(app.isPackaged ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'reload' } as MenuItemConstructorOptions, { role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'MTA-STS (RFC 8461)', click: () => void shell.openExternal(RFC_8461) },
        { label: 'TLS Reporting (RFC 8460)', click: () => void shell.openExternal(RFC_8460) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
