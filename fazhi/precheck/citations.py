"""Legal citations of the pre-check rules: only article numbers that domain.md §1 gives."""

LICENCE = "《行政许可法》第十七条"
PENALTY = "《行政处罚法》第十六条"
COMPULSION = "《行政强制法》第十条、第十三条"
NOTICE_37 = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
BUSINESS = "《优化营商环境条例》"
FAIR = "《公平竞争审查条例》第八条至第十一条"
# domain.md §1 item 6 names no source for the ban on retroactive burdens: the law is cited bare.
NON_RETROACTIVE = "《立法法》"
