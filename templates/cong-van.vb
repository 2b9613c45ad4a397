{#- Công văn: NĐ 30/2020, Phụ lục III, Mẫu 1.5.
    Output is vanban block markup: one element a line, `::tag text` (see docs/templates.md).
    Every {{ value }} is folded to one line, so data can never start a new element. -#}
::meta-title V/v {{ subject }}
::meta-author {{ issuer.name | join(" ") }}
::meta-date {{ date.iso or "" }}
{% for line in issuer.parent %}
::parent {{ line | upper }}
{% endfor %}
{% for line in issuer.name %}
::issuer {{ line | upper }}
{% endfor %}
::national CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
::motto Độc lập - Tự do - Hạnh phúc
::number Số: {{ number or blank(6) }}/{{ symbol }}
::subject V/v {{ subject }}
{% if secrecy %}
::secrecy.{{ secrecy.width_mm }}mm {{ secrecy.text }}
{% endif %}
{% if urgency %}
::urgency.{{ urgency.width_mm }}mm {{ urgency.text }}
{% endif %}
::place-date {{ place }}, {{ date | date_vn }}
{% if draft_mark %}
::draft-mark DỰ THẢO
{% endif %}
{% if recipients %}
::recipients-label Kính gửi:
{% if recipients | length == 1 %}
::recipient {{ recipients[0] }}
{% else %}
{% for r in recipients %}
::recipient - {{ r }}{{ "." if loop.last else ";" }}
{% endfor %}
{% endif %}
{% endif %}
{% macro blocks(list) %}
{% for b in list %}
{% if b.type == "para" %}
::p{{ ".italic" if b.italic }}{{ ".bold" if b.bold }}{{ "" if b.indent else ".noindent" }}{{ "" if b.align == "justify" else "." ~ b.align }} {{ b.text }}
{% elif b.type == "section" %}
::heading **{{ b.number }} {{ b.title }}**{{ " " ~ b.text if b.text }}
{{ blocks(b.body) }}
{%- elif b.type == "items" %}
{% for it in b.items %}
::item - {{ it.text }}
{% for sub in it.items %}
::sub-item + {{ sub }}
{% endfor %}
{% endfor %}
{% endif %}
{% endfor %}
{% endmacro %}
{{ blocks(body) }}
{%- if signature.authority %}
::sign-authority {{ signature.authority }} {{ signature.on_behalf }}
{% endif %}
{% if signature.title %}
::sign-title {{ signature.title }}
{% endif %}
::sign-name {{ signature.name }}
::dist-label Nơi nhận:
{% for d in distribution %}
::dist - {{ d }};
{% endfor %}
::dist - Lưu: {{ archive }}.
{% if drafter_mark %}
::drafter {{ drafter_mark }}
{% endif %}
