import { z } from 'zod';
import { NetworkSchema } from './network';

/** The file extension of a Neurite project (one self-contained SQLite file). */
export const PROJECT_EXTENSION = '.neurite';

/**
 * Where a project lives, as the renderer sees it: an absolute path in Electron, a path
 * relative to the projects folder in browser mode; null for a project never saved.
 */
export const ProjectPathSchema = z.string().min(1).max(4096);

/** The open project without its network: what the title bar and the menus need. */
export const ProjectInfoSchema = z.object({
  /** Where the project is saved, or null for a new, never-saved project. */
  path: ProjectPathSchema.nullable(),
  /** The display name: the file name without `.neurite`, or "Untitled". */
  name: z.string(),
  /** When the file was last saved (ISO 8601), or null if never saved. */
  savedAt: z.string().nullable(),
  /** True when this state came from a recovery journal: it holds edits not yet saved. */
  recovered: z.boolean(),
});
/** The open project without its network. */
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

/** The open project with its network: what new, open and recover reply. */
export const ProjectSnapshotSchema = ProjectInfoSchema.extend({
  network: NetworkSchema,
  /** Sentences to show once after an open: what the file held that Neurite left out (e.g. a trigger). */
  warnings: z.array(z.string()).optional(),
});
/** The open project with its network. */
export type ProjectSnapshot = z.infer<typeof ProjectSnapshotSchema>;

/** One entry of the Open Recent menu, most recent first. */
export const RecentProjectSchema = z.object({ path: ProjectPathSchema, name: z.string(), openedAt: z.string() });
/** One entry of the Open Recent menu. */
export type RecentProject = z.infer<typeof RecentProjectSchema>;

/** A project file in the projects folder (browser mode's in-page open dialog). */
export const ProjectFileSchema = z.object({ path: ProjectPathSchema, name: z.string(), size: z.number(), modified: z.string() });
/** A project file in the projects folder. */
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

/** A session that ended without saving its edits (crash, killed tab) and can be restored. */
export const RecoverableSessionSchema = z.object({
  id: z.string(),
  /** The project's saved path, or null if it was never saved. */
  path: ProjectPathSchema.nullable(),
  name: z.string(),
  /** When the unsaved edits were last journaled (ISO 8601). */
  editedAt: z.string(),
});
/** A session that ended without saving its edits. */
export type RecoverableSession = z.infer<typeof RecoverableSessionSchema>;

/** Payloads and replies of the project channels (see src-main/services/project/README.md). */
export const projectRequests = {
  'project.new': { request: z.object({}).strict(), response: ProjectSnapshotSchema },
  'project.open': { request: z.object({ path: ProjectPathSchema }).strict(), response: ProjectSnapshotSchema },
  'project.current': { request: z.object({}).strict(), response: ProjectInfoSchema.nullable() },
  'project.save': {
    // path absent or null: Save to the current path; a path: Save As (the project then lives there).
    request: z.object({ network: NetworkSchema, path: ProjectPathSchema.nullable().optional() }).strict(),
    response: ProjectInfoSchema,
  },
  'project.close': { request: z.object({}).strict(), response: z.object({}) },
  'project.recent': { request: z.object({}).strict(), response: z.array(RecentProjectSchema) },
  'project.list': { request: z.object({}).strict(), response: z.array(ProjectFileSchema) },
  'project.pickPath': {
    request: z.object({ mode: z.enum(['open', 'save']), suggestedName: z.string().max(255).optional() }).strict(),
    response: z.object({ path: ProjectPathSchema.nullable() }),
  },
  'project.journal': { request: z.object({ network: NetworkSchema }).strict(), response: z.object({}) },
  'project.recovery': { request: z.object({}).strict(), response: z.array(RecoverableSessionSchema) },
  'project.recover': { request: z.object({ id: z.string().min(1) }).strict(), response: ProjectSnapshotSchema },
  'project.discardRecovery': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({}) },
} as const;
