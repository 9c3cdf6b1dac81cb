import pytest

from scheduling.talent import InstanceFormatError, TalentInstance, order_cost
from scheduling.talent_files import parse_dat, parse_dzn, read_instance

DIMENSIONS = {  # scenes, actors, as the files declare them
    "MobStory.dzn": (28, 8),
    "concert.dzn": (9, 5),
    "film103.dzn": (19, 8),
    "film105.dzn": (18, 8),
    "small.dzn": (6, 4),
    "tiny.dzn": (4, 3),
    "Shaw2020.dat": (20, 20),
    "Warwick1201.dat": (20, 20),
    "film-10.dat": (10, 8),
    "film-12.dat": (12, 8),
    "small2.dat": (6, 4),
    "tiny2.dat": (5, 3),
}


def test_every_shared_instance_reads_with_the_scene_count_of_optima_json(talent_folder, optima):
    for name, entry in optima.items():
        instance = read_instance(talent_folder / name)
        assert instance.num_scenes == entry["scenes"], name
        # The holding cost in optima.json is total minus work, so the work cost must agree.
        assert instance.work_cost == entry["total"] - entry["idle"], name


@pytest.mark.parametrize("name", sorted(DIMENSIONS))
def test_dimensions(talent_folder, name):
    instance = read_instance(talent_folder / name)
    assert (instance.num_scenes, instance.num_actors) == DIMENSIONS[name]
    assert all(len(row) == instance.num_scenes for row in instance.needs)


def test_dzn_fields_and_the_sample_order_is_ignored(talent_folder):
    tiny = read_instance(talent_folder / "tiny.dzn")
    assert tiny.needs[0] == (True, False, True, False)
    assert tiny.costs == (1, 2, 3)
    assert tiny.durations == (1, 2, 3, 1)
    assert tiny.casts[1] == frozenset({1, 2})


def test_dat_with_counts_on_two_lines_and_blank_lines(talent_folder):
    tiny2 = read_instance(talent_folder / "tiny2.dat")
    assert tiny2.name == "tiny2"
    assert tiny2.needs[2] == (False, False, True, True, False)
    assert tiny2.costs == (1, 1, 1)
    assert tiny2.durations == (1, 1, 1, 1, 1)


def test_dat_costs_are_the_last_number_of_each_actor_row(talent_folder):
    shaw = read_instance(talent_folder / "Shaw2020.dat")
    assert shaw.costs[:3] == (1, 2, 4)
    assert shaw.scenes_of[5] == (19,)


def test_malformed_files_name_the_problem():
    with pytest.raises(InstanceFormatError, match="expected 10"):
        parse_dat("x\n2 2\n1 0 3\n0 1 4\n", "short.dat")
    with pytest.raises(InstanceFormatError, match="missing field"):
        parse_dzn("numScenes = 2; numActors = 1; c = [1];", "partial.dzn")
    with pytest.raises(InstanceFormatError, match="ia has 3 cells"):
        parse_dzn("numScenes=2; numActors=2; ia=[|1,0|1|]; c=[1,1]; d=[1,1];", "bad.dzn")
    with pytest.raises(InstanceFormatError, match="unknown"):
        read_instance("instance.txt")


def test_instances_refuse_scenes_without_duration():
    with pytest.raises(InstanceFormatError, match="at least 1"):
        TalentInstance("zero", ((True,),), (1,), (0,))


def test_order_cost_needs_every_scene_once(talent_folder):
    tiny = read_instance(talent_folder / "tiny.dzn")
    assert order_cost(tiny, [2, 1, 0, 3]) == 29  # the sample order `s` of tiny.dzn
    with pytest.raises(ValueError):
        order_cost(tiny, [0, 1, 1, 3])
