"""Pictures of the citation graph: a self-contained interactive HTML page and a PNG.

:func:`to_html` writes one HTML file with its own inline CSS and JavaScript (a small force layout on
a ``<canvas>``; no CDN, works offline): drag to pan, wheel to zoom, hover for the title, click a
node to list what it cites and what cites it. After the script runs, the element ``#stats`` reads
``"N nodes · M edges"`` (``data-nodes``/``data-edges`` hold the numbers). :func:`write_png` draws
with matplotlib, the optional extra ``plot`` (imported lazily).

>>> from policy_nlp.graph import build_citation_graph, citing_document
>>> G = build_citation_graph([citing_document("通知\\n贯彻落实《上海市工会条例》。", id="a")])
>>> page = to_html(G)
>>> page.startswith("<!DOCTYPE html>") and "http" not in page.split("<script>")[1]
True
"""

from __future__ import annotations

import html
import json
import os
from typing import Any

__all__ = ["graph_view_data", "to_html", "write_html", "write_png"]

_COLORS = {
    "corpus": "#d94841",
    "policy": "#3b7dd8",
    "law": "#7a4fd1",
    "plan": "#2a9d8f",
    "meeting": "#e9a23b",
    "other": "#999999",
    "body": "#6c757d",
    "action": "#b5b5b5",
}


def _color(d: dict[str, Any]) -> str:
    if d.get("type") == "body":
        return _COLORS["body"]
    if d.get("type") == "action":
        return _COLORS["action"]
    if d.get("in_corpus"):
        return _COLORS["corpus"]
    return _COLORS.get(str(d.get("kind")), _COLORS["policy"])


def graph_view_data(G: Any, *, max_nodes: int = 400, actions: bool = False) -> dict[str, Any]:
    """The nodes and links the HTML view draws: at most ``max_nodes`` (highest degree first;
    action nodes only when ``actions``), ``top`` (the ten most cited of the whole graph, as
    ``[title, citing policies]``), and ``total_nodes``/``total_edges`` of the whole graph."""
    keep_types = {"policy", "body"} | ({"action"} if actions else set())
    cands = [n for n, d in G.nodes(data=True) if d.get("type") in keep_types]
    cands.sort(key=lambda n: (-G.degree(n), n))
    chosen = cands[:max_nodes]
    index = {n: i for i, n in enumerate(chosen)}
    nodes = []
    for n in chosen:
        d = G.nodes[n]
        nodes.append({
            "id": n,
            "label": str(d.get("title") or n),
            "type": d.get("type"),
            "kind": d.get("kind"),
            "in_corpus": bool(d.get("in_corpus")),
            "doc_number": d.get("doc_number") or "",
            "color": _color(d),
            "size": max(6 if d.get("in_corpus") else 3, 3 + min(12, G.in_degree(n)) ** 0.8 * 2),
        })
    links: dict[tuple[int, int], dict[str, Any]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if u in index and v in index:
            key = (index[u], index[v])
            if key in links:
                links[key]["count"] += int(d.get("count", 1))
            else:
                links[key] = {"s": key[0], "t": key[1], "rel": k, "count": int(d.get("count", 1))}
    if len(nodes) > 150:  # keep big views readable
        for node in nodes:
            node["size"] = round(node["size"] * 0.6, 2)
    from policy_nlp.graph_queries import most_cited

    top = [[str(G.nodes[k].get("title") or k), n] for k, n in most_cited(G, 10)]
    return {
        "nodes": nodes,
        "links": list(links.values()),
        "top": top,
        "total_nodes": G.number_of_nodes(),
        "total_edges": G.number_of_edges(),
    }


_CSS = """
*{box-sizing:border-box}body{margin:0;font:13px/1.4 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;
color:#222;background:#fafafa;display:flex;height:100vh;overflow:hidden}
#main{flex:1;position:relative}canvas{display:block;width:100%;height:100%;cursor:grab;background:#fff}
#side{width:300px;border-left:1px solid #ddd;padding:10px;overflow:auto;background:#f4f4f4}
h1{font-size:15px;margin:0 0 6px}#stats{font-weight:600;margin-bottom:8px}
#tip{position:absolute;pointer-events:none;background:rgba(30,30,30,.9);color:#fff;padding:4px 7px;
border-radius:4px;display:none;max-width:360px}
.legend span{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 4px 0 8px}
ul{padding-left:18px;margin:4px 0}li{margin:2px 0}input{width:100%;padding:4px;margin:6px 0}
"""

_JS = r"""
(function(){
var D=JSON.parse(document.getElementById('graph-data').textContent);
var N=D.nodes,L=D.links,cv=document.getElementById('cv'),ctx=cv.getContext('2d');
var stats=document.getElementById('stats');
stats.textContent=D.total_nodes+' nodes · '+D.total_edges+' edges';
stats.setAttribute('data-nodes',D.total_nodes);stats.setAttribute('data-edges',D.total_edges);
document.getElementById('shown').textContent='showing '+N.length+' nodes, '+L.length+' links';
var W=0,H=0,scale=1,ox=0,oy=0,sel=-1,hover=-1;
function resize(){var r=cv.getBoundingClientRect();W=r.width;H=r.height;cv.width=W*devicePixelRatio;
cv.height=H*devicePixelRatio;ctx.setTransform(devicePixelRatio,0,0,devicePixelRatio,0,0);}
resize();window.addEventListener('resize',function(){resize();draw();});
var seed=1;function rnd(){seed=(seed*16807)%2147483647;return seed/2147483647;}
N.forEach(function(n,i){var a=2*Math.PI*rnd(),r=50+200*rnd();n.x=W/2+r*Math.cos(a);n.y=H/2+r*Math.sin(a);n.vx=0;n.vy=0;});
var adj=N.map(function(){return {out:[],inc:[]};});
L.forEach(function(l){adj[l.s].out.push(l.t);adj[l.t].inc.push(l.s);});
function step(alpha){
 var i,j,n=N.length;
 for(i=0;i<n;i++){for(j=i+1;j<n;j++){var a=N[i],b=N[j],dx=b.x-a.x,dy=b.y-a.y,d2=dx*dx+dy*dy+0.01;
  if(d2>90000)continue;var f=900*alpha/d2;a.vx-=dx*f;a.vy-=dy*f;b.vx+=dx*f;b.vy+=dy*f;}}
 L.forEach(function(l){var a=N[l.s],b=N[l.t],dx=b.x-a.x,dy=b.y-a.y,d=Math.sqrt(dx*dx+dy*dy)+0.01;
  var f=(d-60)*0.02*alpha/d;a.vx+=dx*f;a.vy+=dy*f;b.vx-=dx*f;b.vy-=dy*f;});
 N.forEach(function(p){p.vx+=(W/2-p.x)*0.002*alpha;p.vy+=(H/2-p.y)*0.002*alpha;
  p.x+=p.vx;p.y+=p.vy;p.vx*=0.6;p.vy*=0.6;});
}
for(var k=0;k<300;k++)step(1-k/300);
function fit(){if(!N.length)return;var x0=1e9,y0=1e9,x1=-1e9,y1=-1e9;N.forEach(function(p){x0=Math.min(x0,p.x);
 y0=Math.min(y0,p.y);x1=Math.max(x1,p.x);y1=Math.max(y1,p.y);});
 scale=Math.min(W/(x1-x0+80),H/(y1-y0+80),3);ox=W/2-scale*(x0+x1)/2;oy=H/2-scale*(y0+y1)/2;}
fit();
function sx(p){return p.x*scale+ox;}function sy(p){return p.y*scale+oy;}
function near(i){if(sel<0)return true;return i===sel||adj[sel].out.indexOf(i)>=0||adj[sel].inc.indexOf(i)>=0;}
function draw(){ctx.clearRect(0,0,W,H);
 L.forEach(function(l){var a=N[l.s],b=N[l.t],on=sel<0||l.s===sel||l.t===sel;
  ctx.strokeStyle=on?'rgba(80,80,80,.45)':'rgba(80,80,80,.06)';ctx.lineWidth=Math.min(4,0.6+Math.log(1+l.count));
  var x1=sx(a),y1=sy(a),x2=sx(b),y2=sy(b);ctx.beginPath();ctx.moveTo(x1,y1);ctx.lineTo(x2,y2);ctx.stroke();
  var ang=Math.atan2(y2-y1,x2-x1),r=b.size+2;ctx.beginPath();ctx.moveTo(x2-r*Math.cos(ang),y2-r*Math.sin(ang));
  ctx.lineTo(x2-(r+7)*Math.cos(ang-0.35),y2-(r+7)*Math.sin(ang-0.35));
  ctx.lineTo(x2-(r+7)*Math.cos(ang+0.35),y2-(r+7)*Math.sin(ang+0.35));ctx.closePath();
  ctx.fillStyle=ctx.strokeStyle;ctx.fill();});
 N.forEach(function(p,i){ctx.globalAlpha=near(i)?1:0.15;ctx.beginPath();ctx.arc(sx(p),sy(p),p.size,0,2*Math.PI);
  ctx.fillStyle=p.color;ctx.fill();if(i===sel||i===hover){ctx.lineWidth=2;ctx.strokeStyle='#000';ctx.stroke();}
  if(i<25||i===sel||i===hover||N.length<40){ctx.fillStyle='#222';ctx.font='11px sans-serif';
   ctx.fillText(p.label.length>18?p.label.slice(0,18)+'…':p.label,sx(p)+p.size+2,sy(p)+4);}});
 ctx.globalAlpha=1;}
draw();
function pick(e){var r=cv.getBoundingClientRect(),x=e.clientX-r.left,y=e.clientY-r.top,best=-1,bd=1e9;
 N.forEach(function(p,i){var dx=sx(p)-x,dy=sy(p)-y,d=dx*dx+dy*dy;if(d<bd&&d<(p.size+4)*(p.size+4)){bd=d;best=i;}});return best;}
var drag=null;
cv.addEventListener('mousedown',function(e){drag={x:e.clientX,y:e.clientY,ox:ox,oy:oy,moved:false};});
window.addEventListener('mouseup',function(e){if(drag&&!drag.moved){sel=pick(e);info();draw();}drag=null;});
cv.addEventListener('mousemove',function(e){var tip=document.getElementById('tip');
 if(drag){var dx=e.clientX-drag.x,dy=e.clientY-drag.y;if(Math.abs(dx)+Math.abs(dy)>3)drag.moved=true;
  ox=drag.ox+dx;oy=drag.oy+dy;draw();return;}
 var h=pick(e);if(h!==hover){hover=h;draw();}
 if(h>=0){var p=N[h],r=cv.getBoundingClientRect();tip.style.display='block';tip.style.left=(e.clientX-r.left+12)+'px';
  tip.style.top=(e.clientY-r.top+12)+'px';tip.textContent=p.label+(p.doc_number?' ('+p.doc_number+')':'');}
 else tip.style.display='none';});
cv.addEventListener('wheel',function(e){e.preventDefault();var r=cv.getBoundingClientRect(),x=e.clientX-r.left,
 y=e.clientY-r.top,f=e.deltaY<0?1.15:1/1.15;ox=x-(x-ox)*f;oy=y-(y-oy)*f;scale*=f;draw();},{passive:false});
function li(i){var p=N[i];return '<li>'+esc(p.label)+'</li>';}
function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function info(){var el=document.getElementById('info');if(sel<0){el.innerHTML='';return;}var p=N[sel];
 el.innerHTML='<h1>'+esc(p.label)+'</h1>'+(p.doc_number?'<div>'+esc(p.doc_number)+'</div>':'')+
 '<div>'+esc(p.type+(p.kind?' / '+p.kind:'')+(p.in_corpus?' / in corpus':''))+'</div>'+
 '<b>cites</b><ul>'+adj[sel].out.map(li).join('')+'</ul><b>cited by</b><ul>'+adj[sel].inc.map(li).join('')+'</ul>';}
document.getElementById('top').innerHTML=D.top.map(function(t){return '<li>'+esc(t[0])+' ('+t[1]+')</li>';}).join('');
document.getElementById('q').addEventListener('input',function(e){var q=e.target.value.trim();sel=-1;
 if(q){for(var i=0;i<N.length;i++){if(N[i].label.indexOf(q)>=0||N[i].id.indexOf(q)>=0){sel=i;break;}}}info();draw();});
document.body.setAttribute('data-ready','1');
})();
"""


def to_html(G: Any, *, title: str = "policy_nlp citation graph", max_nodes: int = 400) -> str:
    """A self-contained HTML page (inline CSS/JS, no network) showing ``G``."""
    data = json.dumps(graph_view_data(G, max_nodes=max_nodes), ensure_ascii=False)
    data = data.replace("</", "<\\/")  # never close the <script> element early
    legend = "".join(
        f'<span style="background:{c}"></span>{html.escape(k)}' for k, c in _COLORS.items() if k != "action"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        '<div id="main"><canvas id="cv"></canvas><div id="tip"></div></div>'
        f'<div id="side"><h1>{html.escape(title)}</h1><div id="stats">loading…</div><div id="shown"></div>'
        f'<div class="legend">{legend}</div><input id="q" placeholder="search title or key">'
        '<div id="info"></div><b>most cited</b><ol id="top"></ol></div>'
        f'<script type="application/json" id="graph-data">{data}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def write_html(G: Any, path: str | os.PathLike[str], **options: Any) -> None:
    """Write :func:`to_html` to ``path`` (UTF-8)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(to_html(G, **options))


def _figure(figsize: tuple[float, float]) -> Any:
    """A standalone Agg figure: no pyplot, so the user's matplotlib backend and state are untouched."""
    try:
        import matplotlib  # noqa: F401 - fails first when the extra is missing
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(
            "drawing a PNG needs matplotlib: pip install 'policy_nlp[plot]'"
        ) from exc
    fig = Figure(figsize=figsize, dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    for f in font_manager.fontManager.ttflist:
        if any(k in f.name for k in ("CJK", "WenQuanYi", "Hei", "Song", "Ming", "Droid Sans Fallback")):
            return str(f.name)
    return None


def write_png(G: Any, path: str | os.PathLike[str], *, max_nodes: int = 150, size: float = 12.0) -> None:
    """Draw the most connected ``max_nodes`` policies and bodies to a PNG with matplotlib.

    Raises ImportError with an install hint when matplotlib (extra ``plot``) is missing.
    """
    import warnings

    import networkx as nx

    view = graph_view_data(G, max_nodes=max_nodes)
    H = nx.DiGraph()
    for i, n in enumerate(view["nodes"]):
        H.add_node(i, **n)
    for link in view["links"]:
        H.add_edge(link["s"], link["t"])
    fig = _figure((size, size * 0.7))
    font = _cjk_font()
    ax = fig.subplots()
    pos = nx.spring_layout(H, seed=1, k=None) if H.number_of_nodes() else {}
    nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.3, arrows=True, arrowsize=8, width=0.8)
    nx.draw_networkx_nodes(
        H, pos, ax=ax, node_color=[H.nodes[i]["color"] for i in H],
        node_size=[H.nodes[i]["size"] ** 2 * 4 for i in H],
    )
    big = {i: (H.nodes[i]["label"][:14]) for i in H if H.nodes[i]["size"] > 6 or H.number_of_nodes() < 40}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing CJK glyphs in the fallback font
        nx.draw_networkx_labels(H, pos, labels=big, ax=ax, font_size=8,
                                font_family=font if font else "sans-serif")
        ax.set_title(f"{view['total_nodes']} nodes, {view['total_edges']} edges")
        ax.set_axis_off()
        fig.tight_layout()
        fig.savefig(os.fspath(path))
