import { type FSWatcher, statSync, watch } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A folder being watched: for every change in it (`recursive`), or only for some of its entries. */
interface WatchedFolder {
  readonly watcher: FSWatcher;
  readonly names: Set<string>;
  readonly recursive: boolean;
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Watches files and folders, reporting changes in batches after a short quiet period (an editor's save is often
 * several events). A file is watched through its folder, so that files editors replace rather than rewrite, and
 * files that do not exist yet, are seen too.
 */
export class FileWatcher {
  private readonly folders = new Map<string, WatchedFolder>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: (paths: readonly string[]) => void,
    private readonly quietMs = 100,
  ) {}

  /** Watches a file, or everything in a folder. Missing folders are skipped. */
  add(path: string): void {
    if (isFolder(path)) this.folder(path, true);
    else this.folder(dirname(path), false)?.names.add(basename(path));
  }

  private folder(dir: string, recursive: boolean): WatchedFolder | undefined {
    const known = this.folders.get(dir);
    if (known !== undefined && (known.recursive || !recursive)) return known;
    if (!isFolder(dir)) return undefined;
    const watcher = watch(dir, { recursive, persistent: false }, (_event, name) => this.event(dir, name));
    watcher.on("error", () => watcher.close());
    known?.watcher.close();
    const folder: WatchedFolder = { watcher, names: known?.names ?? new Set(), recursive };
    this.folders.set(dir, folder);
    return folder;
  }

  private event(dir: string, name: string | null): void {
    const folder = this.folders.get(dir);
    if (folder === undefined || name === null) return;
    if (!folder.recursive && !folder.names.has(name)) return;
    this.changed.add(join(dir, name));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.changed];
      this.changed.clear();
      this.onChange(paths);
    }, this.quietMs);
  }

  close(): void {
    clearTimeout(this.timer);
    for (const folder of this.folders.values()) folder.watcher.close();
    this.folders.clear();
  }
}
