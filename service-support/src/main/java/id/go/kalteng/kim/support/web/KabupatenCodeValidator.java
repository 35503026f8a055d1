package id.go.kalteng.kim.support.web;

import id.go.kalteng.kim.contracts.Kabupaten;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks a {@link KabupatenCode}: absent, or one of the 14 codes. */
public class KabupatenCodeValidator implements ConstraintValidator<KabupatenCode, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || Kabupaten.isKnown(value);
	}

}
