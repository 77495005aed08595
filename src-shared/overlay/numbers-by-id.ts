/** Numbers looked up by id: a Map, or a document-order array read through an id → index map. */
export interface NumbersById {
  get(id: string): number | undefined;
}
