package id.go.kalteng.kim.group.registry;

/** Where a group lives: urban (PERKOTAAN) or rural (PERDESAAN). */
public enum Setting {

	PERKOTAAN, PERDESAAN

}
