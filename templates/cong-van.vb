{#- Công văn: NĐ 30/2020, Phụ lục III, Mẫu 1.5.
    Output is vanban block markup: one element a line, `::tag text` (see docs/templates.md).
    Every {{ value }} is folded to one line, so data can never start a new element. -#}
{% import "_common.vb" as c %}
::profile {{ profile }}
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
{{ c.recipients(recipients) }}
{{- c.blocks(body) }}
{{- c.signatures(signatures) }}
::dist-label Nơi nhận:
{% for d in distribution %}
::dist - {{ d.text }};{{ " " ~ d.suffix if d.suffix }}
{% endfor %}
::dist - Lưu: {{ archive }}.
{% if drafter_mark %}
::drafter {{ drafter_mark }}
{% endif %}
{{ c.appendices(appendices) }}
