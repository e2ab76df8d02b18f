{# Draws the per-actor stance bars (SVG) from the analysis embedded in the page, and reports
   success or the error on <body data-rendered=...>, so that a headless browser can check it. #}
(function(){
 try{
  var data=JSON.parse(document.getElementById('analysis').textContent);
  var colors={{ colors|tojson }}, labels=['supportive','neutral','critical'];
  var actors=Object.keys(data.actors), ns='http://www.w3.org/2000/svg';
  var row=26, left=230, width=420, svg=document.createElementNS(ns,'svg');
  svg.setAttribute('width',left+width+60); svg.setAttribute('height',row*actors.length+10);
  svg.setAttribute('role','img'); svg.setAttribute('aria-label','stance toward each actor');
  actors.forEach(function(a,i){
   var entry=data.actors[a], x=left, y=i*row+4;
   var t=document.createElementNS(ns,'text'); t.setAttribute('x',0); t.setAttribute('y',y+14);
   t.textContent=entry.name+' ('+entry.sentences+')'; svg.appendChild(t);
   labels.forEach(function(l){
    var w=entry.shares[l]*width; if(!w){return;}
    var r=document.createElementNS(ns,'rect'); r.setAttribute('x',x); r.setAttribute('y',y);
    r.setAttribute('width',w); r.setAttribute('height',row-8); r.setAttribute('fill',colors[l]);
    r.setAttribute('class','bar '+l);
    var title=document.createElementNS(ns,'title');
    title.textContent=entry.name+': '+l+' '+entry.counts[l]+' of '+entry.sentences;
    r.appendChild(title); svg.appendChild(r); x+=w;
   });
  });
  var chart=document.getElementById('chart');
  if(!actors.length){chart.textContent='No actor of the lexicon is mentioned.';}
  else{chart.appendChild(svg);}
  document.body.setAttribute('data-rendered','ok');
 }catch(e){document.body.setAttribute('data-rendered','error: '+e.message);}
})();
