"""Regex fragments shared by the pre-check rules (clause wording of Chinese normative documents)."""

from __future__ import annotations

# Within one clause: no comma or sentence end in between.
GAP = r"[^，,。；;]"
NUM = r"[〇零一二两三四五六七八九十百千万\d.]+"
OBLIGE = r"(?:应当|应|须|必须|需|需要|一律)"
LOCAL = r"本(?:区|市|县|省|镇|地)"
OUTSIDE = r"外(?:地|埠|省|市|县|来)"

# A lawful look-alike: the clause quotes a higher law, or sends the reader to it.
CITES_LAW = r"(?:依照|依据|按照|根据|适用|违反)《[^》]{2,60}》"
BY_LAW = (
    r"(?:依照|依据|按照|根据)(?:有关|相关)?(?:的)?(?:法律|行政法规|法规)"
    r"|法律、?(?:行政)?法规(?:、规章)?(?:另有|已有|已经)?规定"
    r"|依法(?:予以|给予|作出|进行|实施|采取|可以)?"
    r"(?:查处|处理|处罚|处置|追究|实施|采取|办理|取得|申请|报批|履行|缴纳|提请|需要|应当|不予|享有|登记|检验)"
)
NATIONAL_RULES = (
    r"(?:按照|依照|根据|按)(?:国家|中央|省|国家和省|国家、省)(?:有关|相关)?(?:的)?(?:规定|政策|标准)"
    r"|(?:国家|省|中央)" + GAP + r"{0,12}(?:批准|核定|规定|公布)的" + GAP + r"{0,6}(?:项目|标准)"
    r"|价格主管部门" + GAP + r"{0,4}(?:核定|制定)"
)
# The clause forbids the government from doing the thing (a safeguard, not a violation).
FORBIDS = (
    r"(?:不得|严禁|禁止|一律不得|不准|杜绝|防止|取消|清理|不再|无需|无须|免于|免予|不另设|不需要)"
)
# Internal management: duties of administrative bodies and their staff, not of the public.
INTERNAL_SUBJECT = (
    r"^(?:第" + NUM + r"条[\s　]*)?(?:各|区|市|县|镇|乡)" + GAP + r"{0,10}"
    r"(?:部门|单位|机关|局|委|办|街道|乡镇|科室|执法部门)"
)
STAFF = r"(?:工作人员|执法人员|公职人员|领导干部|干部|责任人员|直接负责的主管人员)"
