#!/usr/bin/env python3
"""Puts Java files right for tools/checkstyle/imports.xml: fully qualified class names in code become imports
(unless another class has that simple name in the file: those are listed, to mark `// name clash: ...`), then the
imports go in the one order (static, a blank line, the rest in ASCII order), unused and repeated ones dropped.

Usage: tools/checkstyle/fix-imports.py $(git ls-files '*.java')
"""
import os, re, sys

ROOTS = r'(?:java|javax|javafx|jdk|sun|dev\.berth|tools\.jackson|com|org|net|picocli)'
FQN = re.compile(r'(?<![\w.@"])(' + ROOTS + r'\.(?:[a-z]\w*\.)*)([A-Z]\w*)')
IMPORT = re.compile(r'^import\s+(static\s+)?([\w.]+)\s*;')
TYPE_DECL = re.compile(r'\b(?:class|interface|enum|record)\s+([A-Z]\w*)')

def code_spans(line):
    """(start, end) spans of the line outside string/char literals and // comments."""
    spans, i, start, n = [], 0, 0, len(line)
    while i < n:
        c = line[i]
        if c == '/' and i + 1 < n and line[i + 1] == '/':
            break
        if c in '"\'':
            spans.append((start, i))
            q = c; i += 1
            while i < n and line[i] != q:
                i += 2 if line[i] == '\\' else 1
            start = i + 1
        i += 1
    spans.append((start, min(i, n)))
    return spans

def import_qualified_names(path):
    src = open(path, encoding='utf-8').read()
    lines = src.split('\n')
    package = next((re.match(r'package\s+([\w.]+);', l).group(1) for l in lines if l.startswith('package ')), '')
    imported = {}
    for l in lines:
        m = IMPORT.match(l)
        if m and not m.group(1):
            imported[m.group(2).rsplit('.', 1)[-1]] = m.group(2)
    declared = set(TYPE_DECL.findall(src))
    same_package = {f[:-5] for f in os.listdir(os.path.dirname(path) or '.') if f.endswith('.java')}
    in_block_comment = False
    added, skipped, changed = set(), [], False
    for idx, line in enumerate(lines):
        stripped = line.strip()
        if in_block_comment:
            if '*/' in line:
                in_block_comment = False
            continue
        if stripped.startswith('/*') or stripped.startswith('*'):
            if '*/' not in line:
                in_block_comment = stripped.startswith('/*')
            continue
        if stripped.startswith('import ') or stripped.startswith('package ') or '// name clash' in line:
            continue
        out, last = [], 0
        for a, b in code_spans(line):
            part = line[a:b]
            def repl(m):
                pkg, simple = m.group(1)[:-1], m.group(2)
                fqn = pkg + '.' + simple
                known = imported.get(simple)
                if known == fqn or pkg == package:
                    return simple
                if known is not None or simple in declared or simple in same_package or pkg == 'java.lang':
                    if pkg == 'java.lang' and known is None and simple not in declared and simple not in same_package:
                        return simple
                    skipped.append(f'{path}:{idx + 1}: {fqn}')
                    return m.group(0)
                imported[simple] = fqn
                added.add(fqn)
                return simple
            new = FQN.sub(repl, part)
            out.append(line[last:a]); out.append(new); last = b
        out.append(line[last:])
        new_line = ''.join(out)
        if new_line != line:
            lines[idx] = new_line; changed = True
    if added:
        pos = max((i for i, l in enumerate(lines) if IMPORT.match(l)), default=None)
        if pos is None:
            pos = next(i for i, l in enumerate(lines) if l.startswith('package ')) 
            lines[pos + 1:pos + 1] = [''] + [f'import {f};' for f in sorted(added)]
        else:
            lines[pos + 1:pos + 1] = [f'import {f};' for f in sorted(added)]
    if changed:
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    return changed, skipped


IMPORT = re.compile(r'^import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;\s*$')

def sort_imports(path):
    src = open(path, encoding='utf-8').read()
    lines = src.split('\n')
    idx = [i for i, l in enumerate(lines) if IMPORT.match(l)]
    if not idx:
        return False
    first, last = idx[0], idx[-1]
    block = lines[first:last + 1]
    if any(l.strip() and not IMPORT.match(l) for l in block):
        return False  # comments or code between imports: leave it to a human
    body = '\n'.join(lines[:first] + lines[last + 1:])
    code = re.sub(r'"(?:\\.|[^"\\])*"', '""', body)
    statics, others = set(), set()
    for l in block:
        m = IMPORT.match(l)
        if not m:
            continue
        name = m.group(2)
        simple = name.rsplit('.', 1)[-1]
        if simple != '*' and not re.search(r'(?<![\w.])' + re.escape(simple) + r'\b', code):
            continue  # unused
        if not m.group(1) and name.rsplit('.', 1)[0] == 'java.lang' :
            continue
        (statics if m.group(1) else others).add(name)
    new = [f'import static {n};' for n in sorted(statics)]
    if statics and others:
        new.append('')
    new += [f'import {n};' for n in sorted(others)]
    out = '\n'.join(lines[:first] + new + lines[last + 1:])
    if out != src:
        open(path, 'w', encoding='utf-8').write(out)
        return True
    return False


if __name__ == '__main__':
    changed, left = 0, []
    for p in sys.argv[1:]:
        c, s = import_qualified_names(p)
        c = sort_imports(p) or c
        changed += bool(c)
        left += s
    print(f'{changed} files changed')
    for s in left:
        print('left qualified (name clash):', s)
