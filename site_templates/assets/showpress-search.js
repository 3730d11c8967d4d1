/* showpress search tuning, appended to Material's search worker by generator/site/searchtune.py.

   One word treatment, applied to the index (every token before lunr's own pipeline) and to the query
   (every term Material sends, then lunr's search pipeline, so a typed word meets its indexed stem):
   - Arabic: diacritics and tatweel removed, alef forms (أ إ آ ٱ) -> ا, taa marbuta ة -> ه, alef
     maqsura ى -> ي, the article ال (with a leading و/ف and ب/ك/ل) taken off;
   - Latin: accents folded (théière -> theiere, Çaykur -> caykur);
   - Korean (options.hangul) and Japanese kanji runs (options.kanji): a word of 3 or more characters
     is also indexed as its character bigrams, and a query term is searched as its bigrams, so a part
     of a word (로봇 in 협동로봇은, 精機 in 清里精機) is found.
   SHOWPRESS_SEARCH_OPTIONS is written in front of this file per language. */
(function (lunr, options) {
  "use strict";
  if (!lunr || !lunr.Pipeline || !lunr.Index) return;

  var ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
  var ARTICLE = /^(?:[\u0648\u0641]?[\u0628\u0643\u0644]?)\u0627\u0644(?=.{2,}$)/;
  var HANGUL_RUN = /[\uac00-\ud7a3]{3,}/g;
  var KANJI_RUN = /[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}/g;
  var LIGATURES = { "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0111": "d", "\u0142": "l" };

  function normalise(word) {
    word = word.toLowerCase();
    if (/[\u0600-\u06ff]/.test(word)) {
      word = word.replace(ARABIC_MARKS, "")
        .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
        .replace(/\u0629/g, "\u0647")
        .replace(/\u0649/g, "\u064a")
        .replace(ARTICLE, "");
    }
    if (/[\u00c0-\u024f\u1e00-\u1eff]/.test(word)) {
      word = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
        .replace(/[\u00df\u00e6\u0153\u00f8\u0111\u0142]/g, function (c) { return LIGATURES[c]; });
    }
    return word;
  }

  function bigrams(word, out) {
    var runs = [];
    if (options.hangul) runs = runs.concat(word.match(HANGUL_RUN) || []);
    if (options.kanji) runs = runs.concat(word.match(KANJI_RUN) || []);
    runs.forEach(function (run) {
      for (var i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
    });
    return out;
  }

  /* Index side: every token normalised, plus its bigrams (lunr keeps each as its own term). */
  var run = lunr.Pipeline.prototype.run;
  lunr.Pipeline.prototype.run = function (tokens) {
    var expanded = [];
    tokens.forEach(function (token) {
      var word = normalise(token.toString());
      expanded.push(token.clone(function () { return word; }));
      bigrams(word, []).forEach(function (part) {
        if (part !== word) expanded.push(token.clone(function () { return part; }));
      });
    });
    return run.call(this, expanded);
  };

  /* Query side: each term of the query string Material built (modifiers and wildcards kept) */
  var TERM = /^([+-]?)((?:title|text|tags):)?(.*?)((?:[*~^]\d*)*)$/;
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var pipeline = this.pipeline;
    var terms = [];
    String(query).split(/\s+/).forEach(function (term) {
      var m = TERM.exec(term);
      if (!m || !m[3]) { if (term) terms.push(term); return; }
      var word = normalise(m[3]);
      var parts = bigrams(word, []);
      if (!parts.length) parts = [word];
      parts.forEach(function (part) {
        run.call(pipeline, [new lunr.Token(part, {})]).forEach(function (token) {
          var text = token.toString().replace(/[:*~^+\-\\]/g, "");
          if (text) terms.push(m[1] + (m[2] || "") + text + m[4]);
        });
      });
    });
    return search.call(this, terms.join(" "));
  };
})(self.lunr, self.SHOWPRESS_SEARCH_OPTIONS || {});
