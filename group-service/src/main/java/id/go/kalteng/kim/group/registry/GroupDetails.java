package id.go.kalteng.kim.group.registry;

import java.time.LocalDate;

/**
 * What describes a group: name, location, setting, decree and focus.
 *
 * @param name the group's name
 * @param kabupaten the kabupaten/kota code
 * @param kecamatan the district
 * @param desa the village (desa) or urban ward (kelurahan)
 * @param setting urban or rural
 * @param skNumber the number of the decree (SK) that legitimises the group
 * @param skDate the date of that decree
 * @param focus what the group concentrates on
 */
public record GroupDetails(String name, String kabupaten, String kecamatan, String desa, Setting setting,
		String skNumber, LocalDate skDate, String focus) {

}
