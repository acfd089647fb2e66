import { describe, expect, it } from 'vitest';
import { ACTIONS, compareWithTree, enumerateApp, exportedFunctionsOf, isUseServerModule, MATRIX_ACTORS, PAGES, ROUTE_HANDLERS, urlPatternOf } from '../../../support/access-matrix';

// The declared access matrix must name exactly what app/ contains: a new page, route handler or
// server action without a row fails here, and so does a row whose route is gone.

describe('the access matrix covers the app tree', () => {
  const tree = enumerateApp();
  const gaps = compareWithTree(tree);

  it('finds the routes and actions it is meant to find', () => {
    expect(tree.pages).toContain('/patients/[patientId]');
    expect(tree.routeHandlers).toContain('/portal/summary.pdf');
    expect(tree.actions).toContain('app/(clinician)/patients/[patientId]/notes/actions.ts#saveNoteAction');
  });

  it('declares every page in the tree, and no page that is gone', () => {
    expect(gaps.pages).toEqual({ undeclared: [], stale: [] });
  });

  it('declares every route handler in the tree, and none that is gone', () => {
    expect(gaps.routeHandlers).toEqual({ undeclared: [], stale: [] });
  });

  it('declares every exported server action in the tree, and none that is gone', () => {
    expect(gaps.actions).toEqual({ undeclared: [], stale: [] });
  });

  it('gives every entry an outcome for every actor', () => {
    const rows = [...Object.values(PAGES).map((e) => e.expect), ...Object.values(ROUTE_HANDLERS).map((e) => e.expect), ...Object.values(ACTIONS)];
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...MATRIX_ACTORS].sort());
  });
});

describe('the tree walker', () => {
  it('drops route groups and the file name from URL patterns', () => {
    expect(urlPatternOf('app/(clinician)/patients/[patientId]/page.tsx')).toBe('/patients/[patientId]');
    expect(urlPatternOf('app/page.tsx')).toBe('/');
    expect(urlPatternOf('app/(portal)/portal/summary.pdf/route.ts')).toBe('/portal/summary.pdf');
  });

  it('reads exported functions of every export form, and not types', () => {
    const source = `'use server';\nexport type X = 1;\nexport async function a() {}\nexport function b() {}\nexport const c = async () => {};\nasync function d() {}\nexport { d, d as e };\n`;
    expect(exportedFunctionsOf(source)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("recognises 'use server' only as the module's first statement", () => {
    expect(isUseServerModule(`// why\n"use server";\nexport async function a() {}`)).toBe(true);
    expect(isUseServerModule(`import x from 'y';\n'use server';`)).toBe(false);
    expect(isUseServerModule(`'use client';`)).toBe(false);
  });
});
