{#- Công văn: NĐ 30/2020, Phụ lục III, Mẫu 1.5.
    Output is vanban block markup: one element a line, `::tag text` (see docs/templates.md).
    Every {{ value }} is folded to one line, so data can never start a new element. -#}
{% import "_common.vb" as c %}
{{ c.opening(profile, "V/v " ~ subject, issuer, date) }}
::national CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
::motto Độc lập - Tự do - Hạnh phúc
::number Số: {{ number or blank(6) }}/{{ symbol }}
::subject V/v {{ subject }}
{{ c.stamps(secrecy, urgency) }}
::place-date {{ place }}, {{ date | date_vn }}
{% if draft_mark %}
::draft-mark DỰ THẢO
{% endif %}
{{ c.recipients(recipients) }}
{{- c.blocks(body) }}
{{- c.signatures(signatures) }}
{{- c.distribution(distribution, ";", "Lưu: " ~ archive ~ ".", drafter_mark) }}
{{- c.appendices(appendices) }}
