"""Authoring tool for tests/layouts (make-layouts.sh); the tests do not run it.
Render a page from mkhtml.py as text the way other tools copy it: py
(python-html2text rows `a | b` without outer pipes), tabs (a browser copy),
percell (one cell per line, an empty cell a line with one space, rows
separated by empty lines)."""
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.out=[]; s.row=None; s.cell=None; s.text=[]
    def handle_starttag(s, t, a):
        if t=='tr': s.row=[]
        elif t=='td': s.cell=[]
        elif t=='table': s.out.append(('table',None))
    def handle_endtag(s, t):
        if t=='td': s.row.append(''.join(s.cell).strip()); s.cell=None
        elif t=='tr': s.out.append(('row',s.row)); s.row=None
        elif t in ('h1','h2','p'): s.out.append(('text',''.join(s.text).strip())); s.text=[]
    def handle_data(s, d):
        if s.cell is not None: s.cell.append(d)
        else: s.text.append(d)
p=P(); p.feed(open(sys.argv[1],encoding='utf-8').read())
mode=sys.argv[2]
first=False
for kind,v in p.out:
    if kind=='text':
        if v: print(v)
    elif kind=='table': first=True; print()
    else:
        if mode=='py':
            print(' | '.join(v)+'  ')
            if first: print('---|'*(len(v)-1)+'---  '); first=False
        elif mode=='tabs':
            print('\t'.join(v))
        elif mode=='percell':
            for c in v: print(c+' ')
            print()
