/** Native open/save dialogs, handed to the handlers as plain functions. */
import path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Dialogs } from '../handlers';

const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel workbook', extensions: ['xlsx'] },
  '.pdf': { name: 'PDF document', extensions: ['pdf'] },
  '.zip': { name: 'ZIP archive', extensions: ['zip'] },
};

export function createDialogs(getWindow: () => BrowserWindow | undefined): Dialogs {
  return {
    async openFile() {
      const options: OpenDialogOptions = {
        title: 'Import a list of domains',
        properties: ['openFile'],
        filters: [{ name: 'Domain lists (CSV, Excel)', extensions: ['csv', 'tsv', 'txt', 'xlsx'] }, { name: 'All files', extensions: ['*'] }],
      };
      const win = getWindow();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
    async openBundle() {
      const options: OpenDialogOptions = {
        title: 'Choose an evidence bundle',
        properties: ['openFile'],
        filters: [{ name: 'Evidence bundles (ZIP)', extensions: ['zip'] }, { name: 'All files', extensions: ['*'] }],
      };
      const win = getWindow();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
    // Windows and Linux dialogs pick files or folders, not both at once: the app offers the two as two buttons.
    async openReports(folder) {
      const options: OpenDialogOptions = folder
        ? { title: 'Import a folder of TLS-RPT reports', properties: ['openDirectory'] }
        : {
          title: 'Import TLS-RPT reports',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'TLS-RPT reports (JSON, gzip, e-mail, mbox)', extensions: ['json', 'gz', 'eml', 'mbox', 'mbx'] }, { name: 'All files', extensions: ['*'] }],
        };
      const win = getWindow();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths;
    },
    async saveFile(defaultName) {
      const filter = SAVE_FILTERS[path.extname(defaultName).toLowerCase()];
      const options: SaveDialogOptions = {
        title: 'Save export',
        defaultPath: path.join(app.getPath('documents'), path.basename(defaultName)),
        filters: filter ? [filter] : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = getWindow();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? undefined : r.filePath;
    },
  };
}
