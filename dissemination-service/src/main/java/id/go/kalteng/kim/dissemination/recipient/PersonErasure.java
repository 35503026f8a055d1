package id.go.kalteng.kim.dissemination.recipient;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * A person's erasure (UU PDP): every recipient with that number is removed, in every
 * group, then every {@link PersonalDataHolder} forgets its copies.
 */
@Service
class PersonErasure {

	private final RecipientProjection projection;

	private final List<PersonalDataHolder> holders;

	PersonErasure(RecipientProjection projection, List<PersonalDataHolder> holders) {
		this.projection = projection;
		this.holders = holders;
	}

	void forget(String phoneHash) {
		this.projection.forgetPhone(phoneHash);
		this.holders.forEach((holder) -> holder.forget(phoneHash));
	}

}
