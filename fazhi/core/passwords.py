"""Password policy: at least three of the four character classes (等保 2.0 三级)."""

import re

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Require 3 of: upper case, lower case, digits, symbols."""

    CLASSES = (r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]")

    def validate(self, password: str, user: object = None) -> None:
        present = sum(1 for pattern in self.CLASSES if re.search(pattern, password))
        if present < 3:
            raise ValidationError(
                "密码须至少包含大写字母、小写字母、数字、符号中的三类", code="password_classes"
            )

    def get_help_text(self) -> str:
        return "密码至少 8 位，且至少包含大写字母、小写字母、数字、符号中的三类。"
