import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One answer of an operation: a JSON schema, or another media type (CSV, plain text) described in words. */
export type OperationResponse = {
  description: string;
  schema?: z.ZodType;
  /** Media type when it is not JSON; its body is then described, not schema-checked. */
  mediaType?: string;
  headers?: Record<string, string>;
};

/**
 * One `/api/v1` operation as the document describes it. The schemas are the ones the route handler
 * parses with (imported from lib/api-contract or the domain module), so the two cannot drift apart.
 */
export type Operation = {
  method: HttpMethod;
  /** Below /api/v1, with `{param}` for each dynamic segment: `/lists/{listId}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** No token needed (sign-in, invitation links, this document). */
  public?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A multipart/form-data body: its text fields, and the names of its file parts. */
  multipart?: { fields: z.ZodObject; files: string[]; required?: string[] };
  bodyExample?: unknown;
  responses: Record<number, OperationResponse>;
};
