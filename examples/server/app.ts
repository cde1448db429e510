import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  ConflictError, defaultPolicy, evaluate, idSchema, isoDateSchema, NotFoundError, OnTrackError, PermissionError, parseWith,
  todayUtc, ValidationError, yearGroupSchema, type JudgementInput, type Scope, type TrackingPolicy,
} from '../../packages/rules/src/index.js';
import { canSee, signIn, signOut, SESSION_MS, type User, userForToken } from './auth.js';
import type { Db } from './db.js';
import { createStore, type Store, type StoreEvent } from './store.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'ontrack_session';
/** Largest request body accepted, in bytes. */
export const BODY_LIMIT = 1024 * 1024;
/** Failed sign-ins allowed per user name within `FAILURE_WINDOW_MS`. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Most judgements in one bulk write. */
export const MAX_BATCH = 2000;

/** A static file the server serves (the demo page). */
export interface StaticFile {
  readonly type: string;
  readonly body: string | Buffer;
}

/** Options for `buildServer`. */
export interface ServerOptions {
  readonly db: Db;
  /** The trust's policy: levels, snapshots and the rules run by `/api/evaluation` (the default policy when absent). */
  readonly policy?: TrackingPolicy;
  readonly now?: () => Date;
  /** Static files by URL path (`/`, `/main.js`, …), served with the same strict headers as the API. */
  readonly files?: ReadonlyMap<string, StaticFile>;
  /** Mark the session cookie `Secure` (behind HTTPS). Off for the loopback demo. */
  readonly secureCookie?: boolean;
  /** Seconds between SSE keep-alive comments. */
  readonly heartbeatSeconds?: number;
}

/** The strict headers every answer carries: no inline script, no eval, nothing cross-origin. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const scopeQuery = z.strictObject({ schoolId: idSchema.optional(), yearGroup: yearGroupSchema.optional(), classId: idSchema.optional() });
const signInBody = z.strictObject({ username: z.string().min(1).max(200), password: z.string().min(1).max(500) });
const batchBody = z.strictObject({ judgements: z.array(z.unknown()).min(1).max(MAX_BATCH, { error: `at most ${String(MAX_BATCH)} judgements in one batch` }) });
const snapshotBody = z.strictObject({ halfTermId: idSchema, date: isoDateSchema.optional() });
const dateQuery = z.strictObject({ date: isoDateSchema.optional() });

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    token: string | null;
  }
}

function statusOf(error: unknown): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof PermissionError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  return 500;
}

function userOf(request: FastifyRequest): User {
  if (!request.user) throw new PermissionError('Not signed in');
  return request.user;
}

function sseLine(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${String(id)}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The OnTrack reference server: the REST/JSON API of `examples/server/README.md`
 * over SQLite. Every route but sign-in needs a session (cookie or bearer token)
 * and checks the user's scope; bodies are size-limited and validated with the
 * OnTrack schemas; SQL is parameterised.
 */
export function buildServer(options: ServerOptions): { app: FastifyInstance; store: Store } {
  const policy = options.policy ?? defaultPolicy;
  const store = createStore(options.db, policy, options.now);
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false, forceCloseConnections: true });
  const streams = new Set<{ user: User; res: ServerResponse }>();

  void app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('token', null);

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });

  app.addHook('onRequest', async (request, reply) => {
    const auth = request.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const token = bearer ?? request.cookies[SESSION_COOKIE] ?? null;
    if (token) {
      request.user = userForToken(options.db, token);
      request.token = request.user ? token : null;
    }
    const path = request.url.split('?')[0] ?? '';
    const open = !path.startsWith('/api/') || (path === '/api/session' && request.method === 'POST');
    if (!open && !request.user) {
      await reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: { code: 'unauthenticated', message: 'Sign in first (POST /api/session)' } });
    }
  });

  app.setErrorHandler(async (error: unknown, _request, reply: FastifyReply) => {
    if (error instanceof OnTrackError) {
      const body: Record<string, unknown> = { code: error.code, message: error.message };
      if (error instanceof ValidationError) body['issues'] = error.issues;
      if (error instanceof ConflictError) body['current'] = error.current;
      return reply.code(statusOf(error)).send({ error: body });
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: { code: e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too-large' : 'bad-request', message: e.message ?? 'Bad request' } });
    }
    return reply.code(500).send({ error: { code: 'internal', message: 'The server failed; nothing was changed' } });
  });

  // Sign in and out.
  // Failed sign-ins per user name: after MAX_FAILURES within FAILURE_WINDOW_MS, refuse for the rest of the window.
  const failures = new Map<string, number[]>();
  app.post('/api/session', async (request, reply) => {
    const body = parseWith(signInBody, request.body, 'sign-in');
    const now = Date.now();
    const recent = (failures.get(body.username) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    if (recent.length >= MAX_FAILURES) {
      return reply.code(429).header('Retry-After', String(Math.ceil(FAILURE_WINDOW_MS / 1000))).send({ error: { code: 'too-many-attempts', message: 'Too many failed sign-ins; try again later' } });
    }
    const session = signIn(options.db, body.username, body.password);
    if (!session) {
      failures.set(body.username, [...recent, now]);
      // Bounded: guessing at many made-up names must not grow memory without end.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value ?? '');
      return reply.code(401).send({ error: { code: 'unauthenticated', message: 'Wrong user name or password' } });
    }
    failures.delete(body.username);
    void reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'strict', secure: options.secureCookie ?? false, path: '/', maxAge: SESSION_MS / 1000,
    });
    return { token: session.token, user: { id: session.user.id, name: session.user.name, role: session.user.role, schoolId: session.user.schoolId } };
  });
  app.delete('/api/session', async (request, reply) => {
    if (request.token) signOut(options.db, request.token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
  app.get('/api/me', (request, reply) => {
    const user = userOf(request);
    void reply.send({ id: user.id, name: user.name, role: user.role, schoolId: user.schoolId });
  });

  // Data.
  app.get('/api/dataset', (request, reply) => void reply.send( store.load(userOf(request), parseWith(scopeQuery, request.query, 'query') as Scope)));
  app.get('/api/cells/:pupilId/:subjectId', async (request, reply) => {
    const { pupilId, subjectId } = request.params as { pupilId: string; subjectId: string };
    const cell = store.cell(userOf(request), pupilId, subjectId);
    return reply.header('ETag', `"${String(cell.version)}"`).send(cell);
  });
  app.post('/api/judgements', async (request, reply) => {
    const ifMatch = /^"(\d+)"$/.exec(request.headers['if-match'] ?? '');
    const body: unknown = request.body;
    const input = (ifMatch && typeof body === 'object' && body !== null ? { ...body, expectedVersion: Number(ifMatch[1]) } : body) as JudgementInput;
    const { judgements, fresh } = store.record(userOf(request), [input], true);
    const judgement = judgements[0];
    return reply.code(fresh[0] ? 201 : 200).header('ETag', `"${String(judgement?.version ?? 0)}"`).send({ judgement });
  });
  app.post('/api/judgements/batch', async (request, reply) => {
    const body = parseWith(batchBody, request.body, 'judgements');
    const { judgements, fresh } = store.record(userOf(request), body.judgements as JudgementInput[], false);
    return reply.code(fresh.some(Boolean) ? 201 : 200).send({ judgements });
  });
  app.post('/api/snapshots', async (request, reply) => {
    const body = parseWith(snapshotBody, request.body, 'snapshot');
    return reply.code(201).send({ snapshot: store.snapshot(userOf(request), body.halfTermId, body.date) });
  });
  // The rules run server-side: live statuses, interventions and the summary, over what the user may see.
  app.get('/api/evaluation', (request, reply) => {
    const { date } = parseWith(dateQuery, request.query, 'query');
    const asOf = date ?? todayUtc(options.now?.());
    void reply.send(evaluate(store.load(userOf(request), {}), policy, { date: asOf }));
  });

  // Live updates over Server-Sent Events, filtered by what each user may see.
  app.get('/api/events', (request, reply) => {
    const user = userOf(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    const last = Number(request.headers['last-event-id']);
    if (Number.isInteger(last) && last >= 0) for (const { seq, judgement } of store.since(user, last)) res.write(sseLine('judgement', judgement, seq));
    res.write(': connected\n\n');
    const entry = { user, res };
    streams.add(entry);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), (options.heartbeatSeconds ?? 15) * 1000);
    request.raw.on('close', () => {
      clearInterval(beat);
      streams.delete(entry);
    });
  });

  store.onChange((event: StoreEvent) => {
    for (const { user, res } of streams) {
      if (event.type === 'judgement') {
        if (canSee(user, event)) res.write(sseLine('judgement', event.judgement, event.seq));
      } else {
        const statuses = event.snapshot.statuses.filter((s) => {
          const place = event.places.get(s.pupilId);
          return place !== undefined && canSee(user, place);
        });
        if (statuses.length > 0) res.write(sseLine('snapshot', { ...event.snapshot, statuses }));
      }
    }
  });
  app.addHook('onClose', (_instance, done) => {
    for (const { res } of streams) res.end();
    streams.clear();
    done();
  });

  // Static files (the demo page), with the same strict headers.
  for (const [path, file] of options.files ?? []) {
    app.get(path, async (_request, reply) => reply.type(file.type).send(file.body));
  }
  if (!options.files?.has('/favicon.ico')) app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  return { app, store };
}
