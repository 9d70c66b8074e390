/* Kennisbank Werk aan Uitvoering: the checks of `kb validate` that no JSON Schema can express,
   for the 'Stel een item voor' forms (proposal.js). Pure functions on text, no page access,
   so tests/test_form.py can run them in Node against the Python originals.

   Why hand-written: kb validate finds personal data with scripts/kennisbank/checks/pii.py,
   which relies on python-stdnum (BSN 11-proef, IBAN) and phonenumbers (libphonenumber), and
   finds HTML by rendering Markdown (checks/safety.py). None of that exists as a small library
   for the browser, so the rules are ported here, line by line where possible:
   - normalise(): as pii.normalise (HTML references, NFKC, other digits, invisible characters,
     Markdown links and markers, dates, "(0)" after +31, area codes in brackets);
   - numbers: the same runs, groups and stretches of at most 15 digits; BSN: the 11-proef of
     stdnum.nl.bsn; IBAN: ISO 13616 mod 97 at the length of the country (the SWIFT registry);
     phone: the Dutch numbering plan instead of libphonenumber (numbers outside the Netherlands
     count as phone numbers whenever they have 8 to 15 digits: stricter, never looser);
   - e-mail: the same pattern, obfuscations included; a top-level domain as linkify-it accepts it;
   - HTML: stricter than kb validate, which renders the body and removes only what the site
     would remove: here any element, comment or attribute list in any text is refused, in the
     front matter too, where the site would show it as literal text.
*/
(function (root) {
  "use strict";

  var INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u180e\u115f\u1160\u3164\uffa0\u2800]/g;
  var MARKDOWN = /\\(?=[^\w\s])|[*_`]|<[^<>\n]{0,200}>/g;
  var MD_LINK = /\[([^\]\n]{0,200})\]\([^)\n]{0,400}\)/g;
  var DATE = /(?<!\d)\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}(?!\d)/g;
  var SPACES = "[ \\t\\n\\r\\u00a0\\u2009\\u202f\\u2028\\u2029]";
  var COUNTRY_ZERO = /(\+31|0031)\s*\(0\)\s*/g;
  var AREA_CODE = /\((0\d{1,3})\)\s*/g;
  var SEP = "(?:" + SPACES + "*[-\\u2010-\\u2015\\u2212./\\u00b7\\u2022][" + SPACES.slice(1, -1) + "]*|" + SPACES + "+)";
  var RUN = new RegExp("(?<![\\d])(?:\\+|00)?\\d+(?:" + SEP + "\\d+)*", "g");
  var GROUPS = new RegExp("(\\+|00)?(\\d+)|(" + SEP + ")", "g");
  var AMOUNT = /^\d{1,3}(?:\.\d{3})+$/;
  var IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}/g;
  var AT = "(?:\\s*(?:@|\\[\\s*@\\s*\\]|\\[\\s*at\\s*\\]|\\(\\s*at\\s*\\)|\\{\\s*at\\s*\\}|\\(\\s*a\\s*\\)|\\[\\s*apenstaartje\\s*\\])\\s*|\\s+at\\s+)";
  var DOT = "(?:\\s*[.\\u3002\\uff0e\\uff61]\\s*|\\s*(?:\\[\\s*(?:dot|punt)\\s*\\]|\\(\\s*(?:dot|punt)\\s*\\)|\\{\\s*(?:dot|punt)\\s*\\})\\s*|\\s+(?:dot|punt)\\s+)";
  // [\p{L}\p{N}\p{M}_] is Python's \w on text.
  var EMAIL = new RegExp("(?<![\\p{L}\\p{N}\\p{M}_.+-])([\\p{L}\\p{N}\\p{M}_.+-]{1,64})" + AT + "([\\p{L}\\p{N}\\p{M}_-]{1,63}(?:" + DOT +
    "[\\p{L}\\p{N}\\p{M}_-]{1,63}){0,8}" + DOT + "[a-z]{2,24})(?![\\p{L}\\p{N}\\p{M}_])", "giu");
  var EMAIL_HINT = /@|\bat\b|\(a\)|\[|\{/i;
  // linkify-it's default top-level domains: every two-letter code and these.
  var TLDS = /^(?:[a-z]{2}|biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop|рф)$/i;
  var ORGANISATION_PREFIXES = ["0800", "0900", "0906", "0909", "088", "14"];
  // IBAN length per country (SWIFT IBAN registry).
  var IBAN_LENGTHS = {};
  ("AD24AE23AL28AT20AZ28BA20BE16BG22BH22BR29BY28CH21CR22CY28CZ24DE22DK18DO28EE20EG29ES24FI18FO18FR27GB22GE22" +
   "GI23GL18GR27GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21MC27MD24ME22MK19MR27MT31" +
   "MU30NL18NO15PK24PL28PS29PT25QA29RO24RS22SA24SC31SE24SI19SK24SM27ST25SV28TL23TN24TR26UA29VA22VG24XK20")
    .match(/[A-Z]{2}\d{2}/g).forEach(function (x) { IBAN_LENGTHS[x.slice(0, 2)] = +x.slice(2); });

  var decoder = null;
  function unescapeHtml(text) {
    // A detached <textarea> parses character references only (RCDATA): no markup, no script.
    decoder = decoder || (root.document ? root.document.createElement("textarea") : null);
    if (!decoder) {  // outside a browser (the tests in Node): numeric references only
      return text.replace(/&#(x[0-9a-f]+|\d+);?/gi, function (m, n) {
        var code = n[0].toLowerCase() === "x" ? parseInt(n.slice(1), 16) : parseInt(n, 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      });
    }
    decoder.innerHTML = text.replace(/</g, "&lt;");
    return decoder.value;
  }

  function asciiDigits(text) {
    // Every Unicode decimal digit to ASCII: digits come in runs of ten from zero.
    return text.replace(/\p{Nd}/gu, function (c) {
      if (c >= "0" && c <= "9") return c;
      var code = c.codePointAt(0), steps = 0;
      while (/\p{Nd}/u.test(String.fromCodePoint(code - steps - 1)) && steps < 9) steps += 1;
      return String(steps % 10);
    });
  }

  function normalise(text) {
    if (text.indexOf("&") !== -1 || text.indexOf("%") !== -1) {
      text = unescapeHtml(text).replace(/%40/g, "@").replace(/%2E/gi, ".");
    }
    text = text.normalize("NFKC");
    text = asciiDigits(text);
    text = text.replace(INVISIBLE, "");
    text = text.replace(MD_LINK, "$1");
    text = text.replace(MARKDOWN, "");
    text = text.replace(DATE, function (m) { return " ".repeat(m.length); });
    text = text.replace(COUNTRY_ZERO, "$1 ");
    return text.replace(AREA_CODE, "$1 ");
  }

  function worthChecking(text) {
    return /\p{Nd}/u.test(text) || EMAIL_HINT.test(text) || text.indexOf("&") !== -1 || text.indexOf("＠") !== -1;
  }

  function bsnValid(digits) {
    // stdnum.nl.bsn: nine digits, not all zero, sum of digit x (9..2, last x -1) divisible by 11.
    if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
    var sum = 0;
    for (var i = 0; i < 8; i++) sum += (9 - i) * +digits[i];
    return (sum - +digits[8]) % 11 === 0;
  }

  // The number types of libphonenumber's metadata for the Netherlands (python phonenumbers
  // 9.0, data/region_NL.py: fixed line, mobile, toll free, premium rate, VoIP, pager, UAN).
  var NL_NUMBER = new RegExp("^(?:" + [
    "(?:1(?:[035]\\d|1[13-578]|6[124-8]|7[24]|8[0-467])|2(?:[0346]\\d|2[2-46-9]|5[125]|9[479])|3(?:[03568]\\d|1[3-8]|2[01]|4[1-8])|4(?:[0356]\\d|1[1-368]|7[58]|8[15-8]|9[23579])|5(?:[0358]\\d|[19][1-9]|2[1-57-9]|4[13-8]|6[126]|7[0-3578])|7\\d\\d)\\d{6}",
    "(?:6[1-58]|970\\d)\\d{7}", "800\\d{4,7}", "90[069]\\d{4,7}", "(?:85|91)\\d{7}", "66\\d{7}",
    "140(?:1[035]|2[0346]|3[03568]|4[0356]|5[0358]|8[458])|(?:140(?:1[16-8]|2[259]|3[124]|4[17-9]|5[124679]|7)|8[478]\\d{6})\\d"
  ].join("|") + ")$");

  function dutchNumberValid(national) {
    // national: the number as dialled in the Netherlands, with its leading 0.
    return /^0/.test(national) && NL_NUMBER.test(national.slice(1));
  }

  function isPrivatePhone(raw) {
    var plain = raw.replace(/[^\d+]/g, "");
    var national;
    if (/^(\+|00)/.test(plain)) {
      var international = plain.replace(/^(\+|00)/, "");
      if (international.indexOf("31") !== 0) return international.length >= 8 && international.length <= 15;
      national = "0" + international.slice(2).replace(/^0/, "");
    } else {
      national = plain;
    }
    if (!dutchNumberValid(national)) return false;
    return !ORGANISATION_PREFIXES.some(function (p) { return national.indexOf(p) === 0; });
  }

  function classify(raw, reviewed) {
    var digits = raw.replace(/\D/g, "");
    if (digits.length < 8 || digits.length > 15 || reviewed.has(digits) || reviewed.has(raw.replace(/[^0-9+]/g, "").replace(/^\++/, ""))) return null;
    var shown = raw.split(/\s+/).filter(Boolean).join(" ");
    if (/^(\+|00)/.test(raw) || (digits[0] === "0" && digits.length === 10)) {
      return isPrivatePhone(raw) ? ["PII003", "‘" + shown + "’ is een telefoonnummer."] : null;
    }
    if (digits.length === 9 && !AMOUNT.test(raw) && bsnValid(digits)) {
      return ["PII001", "‘" + shown + "’ voldoet aan de elfproef en kan een burgerservicenummer zijn."];
    }
    return null;
  }

  function numberFindings(run, start, reviewed, out) {
    var parts = [], m;
    GROUPS.lastIndex = 0;
    while ((m = GROUPS.exec(run)) !== null) {
      if (m[2]) parts.push([m.index, m[0]]);
      if (m[0] === "") GROUPS.lastIndex += 1;
    }
    var taken = -1;
    for (var first = 0; first < parts.length; first++) {
      if (parts[first][0] < taken) continue;
      var stretch = [], digits = 0;
      var phoneLike = /^[+0]/.test(parts[first][1]);
      for (var last = first; last < parts.length; last++) {
        digits += parts[last][1].replace(/\D/g, "").length;
        if (digits > 15) break;
        if (digits === 9 || (phoneLike && digits >= 10)) stretch.push(parts[last][0] + parts[last][1].length);
      }
      for (var i = stretch.length - 1; i >= 0; i--) {
        var found = classify(run.slice(parts[first][0], stretch[i]), reviewed);
        if (found) { out.push({ offset: start + parts[first][0], code: found[0], message: found[1] }); taken = stretch[i]; break; }
      }
    }
  }

  function mod97(chars) {
    var remainder = 0;
    for (var i = 0; i < chars.length; i++) {
      var value = parseInt(chars[i], 36).toString();
      for (var j = 0; j < value.length; j++) remainder = (remainder * 10 + +value[j]) % 97;
    }
    return remainder;
  }

  function ibanFindings(text, reviewed, out) {
    var m;
    IBAN_START.lastIndex = 0;
    while ((m = IBAN_START.exec(text)) !== null) {
      var chars = text.slice(m.index, m.index + 60).replace(new RegExp(SPACES + "|[-./]", "g"), "");
      var compact = (chars.match(/^[A-Za-z0-9]+/) || [""])[0].toUpperCase().slice(0, 34);
      var length = IBAN_LENGTHS[compact.slice(0, 2)];
      if (!length || compact.length < length) continue;
      var candidate = compact.slice(0, length);
      if (!reviewed.has(candidate) && mod97(candidate.slice(4) + candidate.slice(0, 4)) === 1) {
        out.push({ offset: m.index, code: "PII002", message: "‘" + candidate + "’ is een geldig IBAN-rekeningnummer." });
      }
    }
  }

  function emailFindings(text, mailboxes, out) {
    var m;
    EMAIL.lastIndex = 0;
    while ((m = EMAIL.exec(text)) !== null) {
      var domain = m[2].replace(new RegExp(DOT, "gi"), ".");
      var address = (m[1] + "@" + domain).toLowerCase();
      var tld = domain.split(".").pop();
      if (TLDS.test(tld) && mailboxes.indexOf(address) === -1) {
        var shown = m[0].split(/\s+/).filter(Boolean).join(" ");
        out.push({ offset: m.index, code: "PII004", message: "‘" + shown + "’ is een e-mailadres van een persoon; noem een rol of een functionele mailbox." });
      }
    }
  }

  /* Personal data in a text: [{offset, code, message}], as pii.findings on pii.normalise(text). */
  function personalData(text, mailboxes, reviewedNumbers) {
    var out = [];
    var reviewed = new Set((reviewedNumbers || []).map(function (n) { return normalise(String(n)).replace(/[^0-9A-Za-z]/g, "").toUpperCase(); }));
    if (!worthChecking(text)) return out;
    text = normalise(text);
    var m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text)) !== null) numberFindings(m[0], m.index, reviewed, out);
    ibanFindings(text, reviewed, out);
    if (EMAIL_HINT.test(text)) emailFindings(text, mailboxes || [], out);
    return out;
  }

  /* Markup in a text: [{code, message}] (SAFE001 element, comment or attribute list; SAFE002
     unsafe link; SAFE003 image). */
  function markup(text) {
    var out = [];
    var element = text.match(/<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s>\/]|$)/);
    if (element) out.push({ code: "SAFE001", message: "De tekst bevat HTML (<" + element[1] + ">). Schrijf gewone tekst; de kennisbank toont geen HTML." });
    else if (/<!--|<!\[CDATA\[|<!DOCTYPE|<\?/i.test(text)) out.push({ code: "SAFE001", message: "De tekst bevat een HTML-opmerking of -declaratie. Schrijf gewone tekst." });
    else if (/\{:[^}\n]*\}|\{\s*[#.][\w-][^}\n]*\}|\{[^}\n]*\b[a-z-]+\s*=[^}\n]*\}/i.test(text)) out.push({ code: "SAFE001", message: "De tekst bevat een lijst met attributen ({: … }). Schrijf gewone tekst." });
    if (/!\[[^\]\n]*\]\(/.test(text)) out.push({ code: "SAFE003", message: "De tekst bevat een afbeelding. Beschrijf in woorden wat die laat zien, of link ernaar." });
    var link = text.match(/\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:/);
    if (link && !/^(https?|mailto)$/i.test(link[1])) out.push({ code: "SAFE002", message: "Een link begint met ‘" + link[1] + ":’. Links mogen alleen naar https://, http:// of mailto: wijzen." });
    return out;
  }

  /* Headings inside one body section (the section itself is level 2): BODY002 for '# ', BODY005 for a skipped level. */
  function headings(text) {
    var out = [], previous = 2, fence = false;
    text.split("\n").forEach(function (line) {
      if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
      var m = !fence && line.match(/^ {0,3}(#{1,6})[ \t]+(\S.*?)[ \t#]*$/);
      if (!m) return;
      var level = m[1].length;
      if (level === 1) out.push({ code: "BODY002", message: "De kop ‘# " + m[2] + "’ staat op het hoogste niveau; dat is de titel. Gebruik ‘### " + m[2] + "’." });
      else if (level > previous + 1) out.push({ code: "BODY005", message: "De kop ‘" + m[1] + " " + m[2] + "’ slaat een niveau over: gebruik ‘" + "#".repeat(previous + 1) + " " + m[2] + "’." });
      previous = Math.max(level, 2);
    });
    return out;
  }

  // Front-matter text may not hold control, direction or zero-width characters (content/hygiene.py).
  var FORBIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  // The body allows zero-width characters and line ends (FORBIDDEN_IN_BODY).
  var FORBIDDEN_IN_BODY = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]/;
  function invisible(text, inBody) {
    return (inBody ? FORBIDDEN_IN_BODY : FORBIDDEN).test(text) ? [{ code: "FM011", message: "De tekst bevat een onzichtbaar teken of stuurteken. Typ de tekst opnieuw." }] : [];
  }

  root.kbProposalChecks = { normalise: normalise, personalData: personalData, markup: markup, headings: headings, invisible: invisible, bsnValid: bsnValid };
})(typeof window !== "undefined" ? window : globalThis);
