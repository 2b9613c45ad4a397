{#- Party documents: Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW (profile party-2018);
    Quy định 399-QĐ/TW from 09/01/2026 (profile party-2026, same layout until its guidance
    is confirmed). Header: the issuing committee with an asterisk beneath, "ĐẢNG CỘNG SẢN
    VIỆT NAM" with its rule; "Số 1144-CV/TU" (no colon, hyphen then slash). -#}
{% import "_common.vb" as c %}
{{ c.opening(profile, ((kind.name or "CÔNG VĂN") ~ (" " ~ title_line | upper if title_line) ~ " " ~ subject) | trim, issuer, date) }}
::issuer-mark *
::party ĐẢNG CỘNG SẢN VIỆT NAM
::number Số {{ number or blank(6) }}-{{ symbol }}
{% if not kind.name %}
{#- The trích yếu of a Party công văn: italic 12 pt under the number (HD 36, Phụ lục 3).
    Whether HD 36 prefixes it with "V/v" is UNCONFIRMED; its example has no prefix. -#}
::subject {{ subject }}
{% endif %}
{{ c.stamps(secrecy, urgency) }}
::place-date {{ place }}, {{ date | date_vn }}
{% if draft_mark %}
::draft-mark DỰ THẢO
{% endif %}
{% if kind.name %}
::kind-name {{ kind.name }}
{% if title_line %}
::title-line {{ title_line | upper }}
{% endif %}
{% if subject %}
::title {{ subject }}
{% endif %}
{% endif %}
{{ c.bases(bases) }}
{{- c.recipients(recipients) }}
{{- c.blocks(body) }}
{{- c.articles(articles) }}
{{- c.signatures(signatures) }}
{#- Party Nơi nhận (seed 003): lines end with ",", the last is "- Lưu <office>." without a
    colon. UNCONFIRMED against the text of HD 36 (spec part A §9). -#}
{{ c.distribution(distribution, ",", "Lưu " ~ archive ~ ".", drafter_mark) }}
{{ c.appendices(appendices) }}
