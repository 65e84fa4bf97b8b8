/**
 * A file handed from one page to a list's import wizard in the same tab: New list's "Create list and
 * import" for a file the server cannot take as it is (its header repeats a name), which the wizard
 * then reads and matches column by column. It lives in the page's memory only: a reload drops it and
 * the wizard starts at Choose file, as it would anyway.
 */
type HandedFile = { listId: string; file: File; notice: string };

let handed: HandedFile | undefined;

export function handFileToWizard(listId: string, file: File, notice: string): void {
  handed = { listId, file, notice };
}

/** The file handed to this list's wizard, if any (a pure read: a render may call it twice). */
export function handedFile(listId: string): HandedFile | undefined {
  return handed?.listId === listId ? handed : undefined;
}

/** Once read, the file is not handed again (Back to this page later starts at Choose file). */
export function forgetHandedFile(file: HandedFile): void {
  if (handed === file) handed = undefined;
}
