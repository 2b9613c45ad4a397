{#- State documents with a tên loại: NĐ 30/2020, Phụ lục III, Mẫu 1.1 (nghị quyết),
    1.2 (quyết định), 1.4 (chỉ thị, quy chế, quy định, kế hoạch, thông báo, báo cáo, tờ trình,
    giấy ủy quyền, phiếu gửi, …), 1.7 (giấy mời), 1.8 (giấy giới thiệu, no trích yếu), 1.9
    (biên bản), 1.10 (giấy nghỉ phép). The kind (templates/kinds.toml) decides the name, the code and
    whether the header has a place and date. -#}
{% import "_common.vb" as c %}
{{ c.opening(profile, (kind.name ~ (" " ~ title_line if title_line) ~ " " ~ subject) | trim, issuer, date) }}
::national CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
::motto Độc lập - Tự do - Hạnh phúc
::number Số: {{ number or blank(6) }}/{{ symbol }}
{{ c.stamps(secrecy, urgency) }}
{% if kind.place_date %}
::place-date {{ place }}, {{ date | date_vn }}
{% endif %}
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
{% if authority_line %}
::authority-line {{ authority_line }}
{% endif %}
{{ c.bases(bases) }}
{%- if kind.decides %}
::decides {{ kind.decides }}
{% endif %}
{{ c.recipients(recipients) }}
{{- c.blocks(body) }}
{{- c.articles(articles) }}
{{- c.signatures(signatures) }}
{{- c.distribution(distribution, ";", "Lưu: " ~ archive ~ ".", drafter_mark) }}
{{- c.appendices(appendices) }}
