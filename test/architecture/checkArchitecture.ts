/**
 * Architecture rules, checked on the TypeScript AST of every source file under a src/ tree:
 *
 *  1. src/core/** is the pure core: it imports no react / react-dom / @fluentui / office-js
 *     packages, nothing under src/adapters, src/taskpane, src/preview, src/fake or src/cli, and uses
 *     no browser globals (window, document, navigator, localStorage, sessionStorage).
 *  2. Only src/adapters/excel/** and src/fake/** touch the Office.js globals (`Excel`, `Office`,
 *     `OfficeExtension`, `OfficeRuntime`) — as values or as types, directly or through
 *     `globalThis.Excel` / `window["Office"]`.
 *
 * Comments and strings are not code, so they never count. A name the file declares itself
 * (a parameter called `document`, say) is not the global.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

export interface Violation {
  file: string;
  line: number;
  rule: "core-import" | "core-global" | "office-global";
  detail: string;
}

const OFFICE_GLOBALS = new Set(["Excel", "Office", "OfficeExtension", "OfficeRuntime"]);
const BROWSER_GLOBALS = new Set(["window", "document", "navigator", "localStorage", "sessionStorage"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self", "global"]);
const UI_PACKAGES = [/^react($|\/)/, /^react-dom($|\/)/, /^@fluentui\//, /^@microsoft\/office-js/, /^office-addin-/, /^@types\/office-js/];
const CORE_FORBIDDEN_DIRS = ["adapters", "taskpane", "preview", "fake", "cli"];
const OFFICE_ALLOWED_DIRS = [path.join("adapters", "excel"), "fake"];

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (/\.(ts|tsx|js|jsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function isUnder(rel: string, dir: string): boolean {
  return rel === dir || rel.startsWith(dir + path.sep);
}

/** Every identifier name the file declares (variables, parameters, functions, classes, imports …). */
function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isBindingElement(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node) ||
        ts.isImportEqualsDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isEnumDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Identifier used as a reference (not a property name, member name, label or declaration name). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return true;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return false;
  if (ts.isShorthandPropertyAssignment(p)) return true;
  if (ts.isJsxAttribute(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isBindingElement(p)) && p.name === id) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  return true;
}

function moduleSpecifiers(sf: ts.SourceFile): Array<{ spec: string; node: ts.Node }> {
  const out: Array<{ spec: string; node: ts.Node }> = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ spec: node.moduleSpecifier.text, node });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push({ spec: node.moduleReference.expression.text, node });
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) {
        out.push({ spec: (node.arguments[0] as ts.StringLiteralLike).text, node });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push({ spec: node.argument.literal.text, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** `globalThis.Excel`, `window["Office"]`, `self.document` … → the accessed global's name. */
function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function isGlobalObject(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isIdentifier(u) && GLOBAL_OBJECTS.has(u.text);
}

function globalObjectAccess(node: ts.Node): string | null {
  if (ts.isPropertyAccessExpression(node) && isGlobalObject(node.expression)) {
    return node.name.text;
  }
  if (ts.isElementAccessExpression(node) && isGlobalObject(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return null;
}

/** `only` limits the scan to some files (paths relative to srcDir), to keep planted-violation tests fast. */
export function checkArchitecture(srcDir: string, only?: (rel: string) => boolean): Violation[] {
  const violations: Violation[] = [];
  for (const file of listSources(srcDir)) {
    const rel = path.relative(srcDir, file);
    if (only && !only(rel)) continue;
    const inCore = isUnder(rel, "core");
    const officeAllowed = OFFICE_ALLOWED_DIRS.some((d) => isUnder(rel, d));
    const text = fs.readFileSync(file, "utf8");
    const kind = file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const declared = declaredNames(sf);
    const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const add = (node: ts.Node, rule: Violation["rule"], detail: string) => violations.push({ file: rel, line: lineOf(node), rule, detail });

    if (inCore) {
      for (const { spec, node } of moduleSpecifiers(sf)) {
        if (UI_PACKAGES.some((re) => re.test(spec))) add(node, "core-import", `imports ${spec}`);
        if (spec.startsWith(".")) {
          const target = path.relative(srcDir, path.resolve(path.dirname(file), spec));
          const bad = CORE_FORBIDDEN_DIRS.find((d) => isUnder(target, d));
          if (bad) add(node, "core-import", `imports ${spec} (src/${bad})`);
        }
      }
    }

    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && isReference(node) && !declared.has(node.text)) {
        if (OFFICE_GLOBALS.has(node.text) && !officeAllowed) add(node, "office-global", `uses the ${node.text} global`);
        else if (inCore && BROWSER_GLOBALS.has(node.text)) add(node, "core-global", `uses the browser global ${node.text}`);
      }
      const viaGlobal = globalObjectAccess(node);
      if (viaGlobal) {
        if (OFFICE_GLOBALS.has(viaGlobal) && !officeAllowed) add(node, "office-global", `uses the ${viaGlobal} global through ${node.getText(sf)}`);
        else if (inCore && BROWSER_GLOBALS.has(viaGlobal)) add(node, "core-global", `uses the browser global ${viaGlobal} through ${node.getText(sf)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return violations;
}

export function formatViolations(vs: Violation[]): string {
  return vs.map((v) => `src/${v.file.split(path.sep).join("/")}:${v.line} [${v.rule}] ${v.detail}`).join("\n");
}
