"""The openstacksdk side of the proof: an image's whole life through the SDK, logged in through the
gateway's identity endpoint from a clouds.yaml (OS_CLIENT_CONFIG_FILE). Prints one line per step and
exits non-zero at the first thing that is not as expected.

usage: sdk_image_lifecycle.py <owner cloud> <member cloud> <application-credential cloud or ->"""
import hashlib
import os
import sys
import tempfile
import uuid

import openstack


def step(text):
    print("ok:", text, flush=True)


def image_property(image, key):
    """The SDK declares the well-known properties (os_distro, hw_*) as attributes of the image and
    keeps only the others in .properties."""
    value = getattr(image, key, None)
    return value if value is not None else image.properties.get(key)


def main(owner_cloud, member_cloud, appcred_cloud):
    owner = openstack.connect(cloud=owner_cloud)
    member = openstack.connect(cloud=member_cloud)
    member_project = member.current_project_id
    assert owner.current_project_id != member_project, "owner and member must be in different projects"
    step("logged in as %s (%s) and %s (%s)" % (owner_cloud, owner.current_project_id, member_cloud, member_project))

    data = os.urandom(1024 * 1024 + 7)
    name = "sdk-" + uuid.uuid4().hex
    with tempfile.NamedTemporaryFile(suffix=".raw") as disk:
        disk.write(data)
        disk.flush()
        image = owner.image.create_image(name=name, filename=disk.name, disk_format="raw",
                                         container_format="bare", wait=True, os_distro="cirros")
    # The SDK hands back the image as it was before its upload finished: read it again.
    image = owner.image.get_image(image.id)
    assert image.status == "active", image.status
    assert image.checksum == hashlib.md5(data).hexdigest(), image.checksum
    step("created and uploaded %s" % image.id)

    assert image.id in [i.id for i in owner.image.images(name=name)]
    shown = owner.image.get_image(image.id)
    assert shown.size == len(data) and image_property(shown, "os_distro") == "cirros", shown
    step("listed and shown")

    owner.image.update_image(image.id, hw_disk_bus="scsi", name=name + "-renamed")
    assert image_property(owner.image.get_image(image.id), "hw_disk_bus") == "scsi"
    owner.image.add_tag(image.id, "sdk-tag")
    assert "sdk-tag" in owner.image.get_image(image.id).tags
    step("updated and tagged")

    owner.image.add_member(image.id, member_id=member_project)
    assert image.id not in [i.id for i in member.image.images()]
    member.image.update_member(member_project, image.id, status="accepted")
    assert image.id in [i.id for i in member.image.images()]
    assert member.image.get_member(member_project, image.id).status == "accepted"
    step("shared with %s, accepted by the member" % member_project)

    downloaded = member.image.download_image(image.id)
    assert downloaded.content == data
    step("downloaded by the member")

    owner.image.remove_member(member_project, image.id)
    assert image.id not in [i.id for i in member.image.images()]
    step("unshared")

    if appcred_cloud != "-":
        scripted = openstack.connect(cloud=appcred_cloud)
        assert scripted.current_project_id == owner.current_project_id
        assert image.id in [i.id for i in scripted.image.images()]
        step("the application credential sees the image")

    owner.image.delete_image(image.id)
    assert owner.image.find_image(image.id) is None
    step("deleted")


if __name__ == "__main__":
    main(*sys.argv[1:4])
