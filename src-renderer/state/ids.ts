/** The canvas's ids come from the one shared generator (random, unique across projects). */
export { freshId, takenIds } from '../../src-shared/model/ids';
