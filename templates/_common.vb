{#- Macros shared by the document templates. Each writes vanban block markup (see
    docs/templates.md); macro output is markup and passes unchanged. -#}

{#- Profile, document properties and the issuing body's lines (ô 2). -#}
{% macro opening(profile, title, issuer, date) %}
::profile {{ profile }}
::meta-title {{ title }}
::meta-author {{ (issuer.parent + issuer.name) | join(" ") }}
::meta-date {{ date.iso or "" }}
{% for line in issuer.parent %}
::parent {{ line | upper }}
{% endfor %}
{% for line in issuer.name %}
::issuer {{ line | upper }}
{% endfor %}
{% endmacro %}

{#- Độ mật and độ khẩn stamps (ô 10a, 10b). -#}
{% macro stamps(secrecy, urgency) %}
{% if secrecy %}
::secrecy.{{ secrecy.width_mm | int }}mm {{ secrecy.text }}
{% endif %}
{% if urgency %}
::urgency.{{ urgency.width_mm | int }}mm {{ urgency.text }}
{% endif %}
{% endmacro %}

{#- Nơi nhận (ô 9b): `mark` ends each line (";" state, "," Party), `archive` is the last line;
    then ô 12. -#}
{% macro distribution(list, mark, archive, drafter_mark) %}
::dist-label Nơi nhận:
{% for d in list %}
::dist - {{ d.text }}{{ mark }}{{ " " ~ d.suffix if d.suffix }}
{% endfor %}
::dist - {{ archive }}
{% if drafter_mark %}
::drafter {{ drafter_mark }}
{% endif %}
{% endmacro %}

{#- The body: paragraphs, numbered sections, dash and "+" items. -#}
{% macro blocks(list) %}
{% for b in list %}
{% if b.type == "para" %}
::p{{ ".italic" if b.italic }}{{ ".bold" if b.bold }}{{ "" if b.indent else ".noindent" }}{{ "" if b.align == "justify" else "." ~ b.align }} {{ b.text }}
{% elif b.type == "section" %}
{% if b.bold and b.number_bold and not b.italic %}
::heading **{{ b.number }}{{ " " ~ b.title if b.title }}**{{ " " ~ b.text if b.text }}
{% else %}
::heading {{ "**" ~ b.number ~ "**" if b.number_bold else b.number }}{% if b.title %} {{ "**" if b.bold }}{{ "*" if b.italic }}{{ b.title }}{{ "*" if b.italic }}{{ "**" if b.bold }}{% endif %}{{ " " ~ b.text if b.text }}
{% endif %}
{{ blocks(b.body) }}
{%- elif b.type == "items" %}
{% for it in b.items %}
::item - {{ it.text }}
{% for sub in it.items %}
::sub-item + {{ sub }}
{% endfor %}
{% endfor %}
{% elif b.type == "table" %}
{{ table(b.table) }}
{%- endif %}
{% endfor %}
{% endmacro %}

{#- A table of an appendix: the header row repeated on every page, group rows across. -#}
{% macro table(t) %}
::table {{ t.weights | join(",") }}
::thead
{% for col in t.columns %}
::th {{ col }}
{% endfor %}
{% for row in t.rows %}
{% if row.group %}
::group {{ row.group }}
{% else %}
::tr
{% for cell in row.cells %}
::td{{ ".span-" ~ cell.span if cell.span > 1 }}{{ ".rows-" ~ cell.rows if cell.rows > 1 }}.{{ cell.align }} {{ cell.text }}
{% endfor %}
{% endif %}
{% endfor %}
::end-table
{% endmacro %}

{#- Điều 1 … n of a decision (NĐ 30, Phụ lục I, II.6.đ: "Điều" + number + "." + title, bold). -#}
{% macro articles(list) %}
{% for a in list %}
::heading **{{ a.number }}{{ " " ~ a.title if a.title }}**{{ " " ~ a.text if a.text }}
{{ blocks(a.body) }}
{%- endfor %}
{% endmacro %}

{#- Căn cứ lines: ";" after each, "." after the last (Phụ lục I, II.6.a). -#}
{% macro bases(list) %}
{% for b in list %}
::basis {{ b }}{{ "." if loop.last else ";" }}
{% endfor %}
{% endmacro %}

{#- Kính gửi: one addressee on the label's line; several as a dash list. -#}
{% macro recipients(list) %}
{% if list %}
::recipients-label Kính gửi:
{% if list | length == 1 %}
::recipient {{ list[0] }}
{% else %}
{% for r in list %}
::recipient - {{ r }}{{ "." if loop.last else ";" }}
{% endfor %}
{% endif %}
{% endif %}
{% endmacro %}

{#- Signers: one, or two side by side. -#}
{% macro signatures(list) %}
{% for s in list %}
{% if not loop.first %}
::signer
{% endif %}
{% for m in s.marks %}
::sign-authority {{ m.authority }} {{ m.on_behalf }}
{% endfor %}
{% if s.title %}
::sign-title {{ s.title }}
{% endif %}
{% if s.other_post %}
::sign-post {{ s.other_post }}
{% endif %}
::sign-name {{ s.name }}
{% endfor %}
{% endmacro %}

{#- Phụ lục (NĐ 30/2020, Phụ lục I, III.1; Phụ lục III, Mẫu 2.1): each on its own pages,
    numbered separately, landscape for a wide table. -#}
{% macro appendices(list) %}
{% for a in list %}
::appendix{{ ".landscape" if a.landscape }}
{% if a.label %}
::appendix-label {{ a.label }}
{% endif %}
{% if a.title %}
::appendix-title {{ a.title }}
{% endif %}
::appendix-ref {{ a.reference }}
{{ blocks(a.body) }}
{%- if a.table %}
{{ table(a.table) }}
{%- endif %}
{{ blocks(a.after) }}
{%- endfor %}
{% endmacro %}
