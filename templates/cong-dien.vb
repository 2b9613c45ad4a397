{#- Công điện: NĐ 30/2020, Phụ lục III, Mẫu 1.6. Tên loại "CÔNG ĐIỆN" and the trích yếu as in
    Mẫu 1.4; then the sender's line "<cơ quan or chức danh người đứng đầu> điện:" (the
    document's `authority_line`) and the addressees as a dash list, one a line, ";" after each
    and "." after the last, in place of "Kính gửi". -#}
{% import "_common.vb" as c %}
{{ c.opening(profile, kind.name ~ " " ~ subject, issuer, date) }}
::national CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
::motto Độc lập - Tự do - Hạnh phúc
::number Số: {{ number or blank(6) }}/{{ symbol }}
{{ c.stamps(secrecy, urgency) }}
::place-date {{ place }}, {{ date | date_vn }}
{% if draft_mark %}
::draft-mark DỰ THẢO
{% endif %}
::kind-name {{ kind.name }}
{% if title_line %}
::title-line {{ title_line }}
{% endif %}
{% if subject %}
::title {{ subject }}
{% endif %}
::authority-line {{ authority_line }} điện:
{% for r in recipients %}
::item - {{ r }}{{ "." if loop.last else ";" }}
{% endfor %}
{{ c.blocks(body) }}
{{- c.signatures(signatures) }}
{{- c.distribution(distribution, ";", "Lưu: " ~ archive ~ ".", drafter_mark) }}
{{- c.appendices(appendices) }}
